package io.faultline.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Serialises responses: status line, the handler's headers, then Date, Content-Length, Connection. */
final class ResponseEncoder {
  private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME;
  static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

  private static volatile CachedDate date = new CachedDate(0, "");

  private record CachedDate(long second, String text) {}

  private ResponseEncoder() {}

  /** Head and body as buffers for one gathering write. */
  static ByteBuffer[] encode(Response response, boolean headRequest, boolean close) {
    int status = response.status();
    boolean bodiless = status < 200 || status == 204 || status == 304;
    StringBuilder head = new StringBuilder(128);
    head.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
    for (Header h : response.headers()) {
      head.append(h.name()).append(": ").append(h.value()).append("\r\n");
    }
    head.append("Date: ").append(now()).append("\r\n");
    if (!bodiless) {
      head.append("Content-Length: ").append(response.body().length).append("\r\n");
    }
    if (close) {
      head.append("Connection: close\r\n");
    }
    head.append("\r\n");
    ByteBuffer headBytes = ByteBuffer.wrap(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (bodiless || headRequest || response.body().length == 0) {
      return new ByteBuffer[] {headBytes};
    }
    return new ByteBuffer[] {headBytes, ByteBuffer.wrap(response.body())};
  }

  /** The IMF-fixdate of this second, formatted once per second. */
  private static String now() {
    long second = System.currentTimeMillis() / 1_000;
    CachedDate cached = date;
    if (cached.second() != second) {
      cached = new CachedDate(second, DATE.format(ZonedDateTime.ofInstant(java.time.Instant.ofEpochSecond(second), ZoneOffset.UTC)));
      date = cached;
    }
    return cached.text();
  }

  static String reason(int status) {
    return switch (status) {
      case 100 -> "Continue";
      case 200 -> "OK";
      case 201 -> "Created";
      case 202 -> "Accepted";
      case 204 -> "No Content";
      case 301 -> "Moved Permanently";
      case 302 -> "Found";
      case 304 -> "Not Modified";
      case 400 -> "Bad Request";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 408 -> "Request Timeout";
      case 409 -> "Conflict";
      case 412 -> "Precondition Failed";
      case 413 -> "Content Too Large";
      case 414 -> "URI Too Long";
      case 431 -> "Request Header Fields Too Large";
      case 500 -> "Internal Server Error";
      case 501 -> "Not Implemented";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      case 505 -> "HTTP Version Not Supported";
      default -> "Status " + status;
    };
  }
}
