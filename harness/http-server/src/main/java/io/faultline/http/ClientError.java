package io.faultline.http;

/**
 * Something wrong with what a client sent (or did not send in time), found by the server before
 * any handler ran. The connection is closed after the answer, if any.
 *
 * @param status the HTTP status the server would answer with
 * @param message one line saying what was wrong, e.g. {@code request body of 2000 bytes exceeds the
 *     limit of 1000 bytes}
 */
public record ClientError(Kind kind, int status, String message) {
  /** The kinds of error; {@link ErrorPages} may render each differently. */
  public enum Kind {
    /** Not HTTP/1.x as the grammar allows (bad request line, header line, chunk size). */
    MALFORMED,
    /** Request line and headers longer than {@link ServerLimits#maxHeadBytes}. */
    HEAD_TOO_LARGE,
    /** A body longer than {@link ServerLimits#maxBodyBytes}. */
    BODY_TOO_LARGE,
    /** A version other than HTTP/1.0 and HTTP/1.1. */
    UNSUPPORTED_VERSION,
    /** A transfer coding other than chunked. */
    UNSUPPORTED_TRANSFER_ENCODING,
    /** The head did not arrive within {@link ServerLimits#headTimeout}. */
    HEAD_TIMEOUT,
    /** The body did not arrive within {@link ServerLimits#bodyTimeout}. */
    BODY_TIMEOUT,
    /** The handler threw instead of answering: a bug in the server, not the client's fault. */
    HANDLER_FAILED
  }
}
