package io.faultline.http;

import java.util.List;
import java.util.Locale;

/**
 * A whole request, read before any handler sees it.
 *
 * @param method as sent (case-sensitive, e.g. {@code GET})
 * @param target the request target exactly as sent: origin form {@code /a%20b?x=1} or absolute
 *     form {@code http://host/a}; bytes beyond ASCII are kept as ISO-8859-1 characters
 * @param version {@code HTTP/1.1} or {@code HTTP/1.0}
 * @param headers in the order sent, names lower-cased, values without surrounding blanks
 * @param body the body, decoded from chunked framing if it was chunked; empty when none
 */
public record Request(String method, String target, String version, List<Header> headers, byte[] body) {
  public Request {
    headers = List.copyOf(headers);
  }

  /** The first value of header {@code name} (any case), or null. */
  public String header(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (Header h : headers) {
      if (h.name().equals(lower)) {
        return h.value();
      }
    }
    return null;
  }

  /** The target's path, still percent-encoded, without the query; {@code /} when empty. */
  public String rawPath() {
    String path = target;
    if (!path.startsWith("/")) {
      int scheme = path.indexOf("://");
      if (scheme > 0) {
        int slash = path.indexOf('/', scheme + 3);
        path = slash < 0 ? "/" : path.substring(slash);
      }
    }
    int query = path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }

  /** The query after {@code ?}, still percent-encoded, or null when there is none. */
  public String rawQuery() {
    int query = target.indexOf('?');
    return query < 0 ? null : target.substring(query + 1);
  }

  /** Whether the client asked to keep the connection open after the response. */
  public boolean keepAlive() {
    String connection = header("connection");
    String tokens = connection == null ? "" : connection.toLowerCase(Locale.ROOT);
    if (version.equals("HTTP/1.1")) {
      return !hasToken(tokens, "close");
    }
    return hasToken(tokens, "keep-alive");
  }

  private static boolean hasToken(String list, String token) {
    for (String part : list.split(",")) {
      if (part.trim().equals(token)) {
        return true;
      }
    }
    return false;
  }
}
