package io.faultline.node.http;

/** The client sent something we cannot act on; becomes an HTTP error with a JSON body. */
final class BadRequestException extends Exception {
  private final int status;
  private final String allow;

  BadRequestException(int status, String message, String allow) {
    super(message, null, false, false);
    this.status = status;
    this.allow = allow;
  }

  BadRequestException(int status, String message) {
    this(status, message, null);
  }

  BadRequestException(String message) {
    this(400, message);
  }

  int status() {
    return status;
  }

  /** For a 405: the methods the path allows (the {@code Allow} header); otherwise null. */
  String allow() {
    return allow;
  }
}
