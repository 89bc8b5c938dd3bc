package io.faultline.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A response for {@link Exchange#respond}. The server adds {@code Date}, {@code Content-Length}
 * (except for 1xx, 204 and 304) and {@code Connection: close} when it will close; a handler may not
 * set those itself. A body is never sent for {@code HEAD}, 204 or 304.
 *
 * @param status 100..599
 * @param headers sent in this order, before the server's own
 */
public record Response(int status, List<Header> headers, byte[] body) {
  private static final Set<String> RESERVED = Set.of("content-length", "transfer-encoding", "connection", "date");

  public Response {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status must be 100..599, got " + status);
    }
    headers = List.copyOf(headers);
    for (Header h : headers) {
      if (RESERVED.contains(h.name().toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("the server sets " + h.name() + " itself");
      }
    }
    if (body == null) {
      throw new IllegalArgumentException("body must not be null (use an empty array)");
    }
  }

  /** A response with one {@code Content-Type} header (none when {@code contentType} is null). */
  public static Response of(int status, String contentType, byte[] body) {
    return new Response(status, contentType == null ? List.of() : List.of(new Header("Content-Type", contentType)), body);
  }

  /** A response with no headers and no body. */
  public static Response empty(int status) {
    return new Response(status, List.of(), new byte[0]);
  }

  /** This response with one more header, after the others. */
  public Response withHeader(String name, String value) {
    List<Header> more = new ArrayList<>(headers);
    more.add(new Header(name, value));
    return new Response(status, more, body);
  }
}
