package io.faultline.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Incremental HTTP/1.1 request parser (RFC 9112): bytes go in as they arrive, in pieces of any
 * size; out comes a whole {@link Request} or a {@link ClientError}. Strict where leniency lets
 * two parsers disagree on where a request ends (both Content-Length and Transfer-Encoding,
 * differing Content-Lengths, bare CR, folded or blank-named headers are errors); lenient where it
 * is harmless (empty lines before a request, LF without CR). Not thread safe: one per connection,
 * used under the connection's lock.
 */
final class RequestParser {
  /** What {@link #feed} stopped at. */
  enum Event {
    /** Every byte given was consumed; the request is not complete. */
    NEED_MORE,
    /** The head is complete and a body follows; feed the rest. */
    HEAD_DONE,
    /** A whole request: {@link #take()}. Bytes after it were left in the buffer. */
    REQUEST,
    /** The request is unacceptable: {@link #error()}. */
    ERROR
  }

  private enum Phase { HEAD, FIXED_BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, DONE, FAILED }

  static final int MAX_HEADER_FIELDS = 100;
  private static final int MAX_CHUNK_LINE = 4_096;
  private static final int INITIAL_HEAD = 512;

  private final int maxHead;
  private final int maxBody;

  private Phase phase = Phase.HEAD;
  private boolean started;
  private byte[] head = new byte[INITIAL_HEAD];
  private int headLength;
  private int lineState; // 0 inside a line, 1 just after LF, 2 after LF then CR
  private String method;
  private String target;
  private String version;
  private List<Header> headers;
  private boolean expectContinue;
  private byte[] body;
  private int bodyLength;
  private long remaining;
  private final StringBuilder line = new StringBuilder();
  private boolean lineCr;
  private int trailerBytes;
  private Request request;
  private ClientError error;

  RequestParser(int maxHead, int maxBody) {
    this.maxHead = maxHead;
    this.maxBody = maxBody;
  }

  /** Whether any byte of the current request has arrived (empty lines before it do not count). */
  boolean started() {
    return started;
  }

  /** Whether the head is complete and its body is being read. */
  boolean inBody() {
    return phase != Phase.HEAD && phase != Phase.DONE && phase != Phase.FAILED;
  }

  /** After {@link Event#HEAD_DONE}: the client waits for {@code 100 Continue} before the body. */
  boolean expectContinue() {
    return expectContinue;
  }

  /** Bytes this parser holds for the current request (for the server's buffer budget). */
  long heldBytes() {
    return head.length + (body == null ? 0 : body.length) + line.capacity();
  }

  Request take() {
    if (phase != Phase.DONE) {
      throw new IllegalStateException("no complete request");
    }
    Request r = request;
    request = null;
    return r;
  }

  ClientError error() {
    return error;
  }

  /** Ready for the next request on the same connection. */
  void reset() {
    phase = Phase.HEAD;
    started = false;
    if (head.length > 4 * INITIAL_HEAD) {
      head = new byte[INITIAL_HEAD];
    }
    headLength = 0;
    lineState = 0;
    method = null;
    target = null;
    version = null;
    headers = null;
    expectContinue = false;
    body = null;
    bodyLength = 0;
    remaining = 0;
    line.setLength(0);
    line.trimToSize();
    lineCr = false;
    trailerBytes = 0;
    request = null;
    error = null;
  }

  /** Consumes bytes from {@code in} (position to limit) until an event; see {@link Event}. */
  Event feed(ByteBuffer in) {
    while (true) {
      switch (phase) {
        case HEAD -> {
          Event e = feedHead(in);
          if (e != null) {
            return e;
          }
        }
        case FIXED_BODY -> {
          int n = (int) Math.min(remaining, in.remaining());
          copyBody(in, n);
          remaining -= n;
          if (remaining > 0) {
            return Event.NEED_MORE;
          }
          return complete();
        }
        case CHUNK_SIZE -> {
          String size = readLine(in);
          if (size == null) {
            return needMoreOr(line.length() > MAX_CHUNK_LINE, "chunk size line too long");
          }
          Event e = chunkSize(size);
          if (e != null) {
            return e;
          }
        }
        case CHUNK_DATA -> {
          int n = (int) Math.min(remaining, in.remaining());
          copyBody(in, n);
          remaining -= n;
          if (remaining > 0) {
            return Event.NEED_MORE;
          }
          phase = Phase.CHUNK_END;
        }
        case CHUNK_END -> {
          String end = readLine(in);
          if (end == null) {
            return needMoreOr(line.length() > 0, "chunk data longer than its size");
          }
          if (!end.isEmpty()) {
            return fail(ClientError.Kind.MALFORMED, 400, "chunk data longer than its size");
          }
          phase = Phase.CHUNK_SIZE;
        }
        case TRAILERS -> {
          int before = in.position();
          String trailer = readLine(in);
          trailerBytes += in.position() - before;
          if (trailerBytes > maxHead) {
            return fail(ClientError.Kind.HEAD_TOO_LARGE, 400, "chunked trailers exceed the limit of " + maxHead + " bytes");
          }
          if (trailer == null) {
            return Event.NEED_MORE;
          }
          if (trailer.isEmpty()) {
            return complete();
          }
          // trailer fields are read and dropped: nothing here uses them
        }
        case DONE, FAILED -> throw new IllegalStateException("feed after " + phase + "; call reset()");
        default -> throw new IllegalStateException("phase " + phase);
      }
    }
  }

  private Event feedHead(ByteBuffer in) {
    while (in.hasRemaining()) {
      byte b = in.get();
      if (!started) {
        if (b == '\r' || b == '\n') {
          continue; // empty lines before a request are allowed (RFC 9112 §2.2)
        }
        started = true;
      }
      if (headLength == maxHead) {
        return fail(ClientError.Kind.HEAD_TOO_LARGE, 400, "request head exceeds the limit of " + maxHead + " bytes");
      }
      if (headLength == head.length) {
        head = Arrays.copyOf(head, Math.min(maxHead, head.length * 2));
      }
      head[headLength++] = b;
      if (b == '\n') {
        if (lineState != 0) {
          return parseHead();
        }
        lineState = 1;
      } else if (b == '\r' && lineState == 1) {
        lineState = 2;
      } else {
        lineState = 0;
      }
    }
    return Event.NEED_MORE;
  }

  private Event parseHead() {
    String text = new String(head, 0, headLength, StandardCharsets.ISO_8859_1);
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        int end = i > start && text.charAt(i - 1) == '\r' ? i - 1 : i;
        String l = text.substring(start, end);
        if (l.indexOf('\r') >= 0) {
          return fail(ClientError.Kind.MALFORMED, 400, "bare CR in the request head");
        }
        lines.add(l);
        start = i + 1;
      }
    }
    lines.remove(lines.size() - 1); // the empty line that ends the head
    Event bad = requestLine(lines.get(0));
    if (bad != null) {
      return bad;
    }
    if (lines.size() - 1 > MAX_HEADER_FIELDS) {
      return fail(ClientError.Kind.HEAD_TOO_LARGE, 400, "more than " + MAX_HEADER_FIELDS + " header fields");
    }
    List<Header> fields = new ArrayList<>(lines.size() - 1);
    for (int i = 1; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.startsWith(" ") || l.startsWith("\t")) {
        return fail(ClientError.Kind.MALFORMED, 400, "folded header line " + i + " (obsolete line folding is not accepted)");
      }
      int colon = l.indexOf(':');
      if (colon <= 0 || !isToken(l, 0, colon)) {
        return fail(ClientError.Kind.MALFORMED, 400, "header line " + i + " is not NAME: VALUE");
      }
      String value = trimBlanks(l.substring(colon + 1));
      for (int c = 0; c < value.length(); c++) {
        char ch = value.charAt(c);
        if ((ch < 0x20 && ch != '\t') || ch == 0x7f) {
          return fail(ClientError.Kind.MALFORMED, 400, "control character in header " + l.substring(0, colon));
        }
      }
      fields.add(new Header(l.substring(0, colon).toLowerCase(Locale.ROOT), value));
    }
    headers = fields;
    return framing();
  }

  private Event requestLine(String l) {
    int first = l.indexOf(' ');
    int last = l.lastIndexOf(' ');
    if (first <= 0 || last == first || last == l.length() - 1 || l.indexOf(' ', first + 1) != last) {
      return fail(ClientError.Kind.MALFORMED, 400, "request line is not METHOD TARGET VERSION");
    }
    method = l.substring(0, first);
    target = l.substring(first + 1, last);
    version = l.substring(last + 1);
    if (!isToken(method, 0, method.length())) {
      return fail(ClientError.Kind.MALFORMED, 400, "bad method in the request line");
    }
    for (int i = 0; i < target.length(); i++) {
      char c = target.charAt(i);
      if (c < 0x21 || c == 0x7f) {
        return fail(ClientError.Kind.MALFORMED, 400, "control character in the request target");
      }
    }
    if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
      if (version.matches("HTTP/[0-9](\\.[0-9])?")) {
        return fail(ClientError.Kind.UNSUPPORTED_VERSION, 505, "HTTP version " + version.substring(5) + " is not supported");
      }
      return fail(ClientError.Kind.MALFORMED, 400, "request line is not METHOD TARGET VERSION");
    }
    return null;
  }

  private Event framing() {
    String transferEncoding = null;
    String contentLength = null;
    for (Header h : headers) {
      if (h.name().equals("transfer-encoding")) {
        transferEncoding = transferEncoding == null ? h.value() : transferEncoding + "," + h.value();
      } else if (h.name().equals("content-length")) {
        for (String part : h.value().split(",", -1)) {
          String v = trimBlanks(part);
          if (contentLength != null && !contentLength.equals(v)) {
            return fail(ClientError.Kind.MALFORMED, 400, "conflicting Content-Length values");
          }
          contentLength = v;
        }
      }
    }
    boolean hasBody;
    if (transferEncoding != null) {
      if (contentLength != null) {
        return fail(ClientError.Kind.MALFORMED, 400, "both Transfer-Encoding and Content-Length");
      }
      if (!trimBlanks(transferEncoding).equalsIgnoreCase("chunked")) {
        return fail(ClientError.Kind.UNSUPPORTED_TRANSFER_ENCODING, 501,
            "Transfer-Encoding '" + transferEncoding + "' is not supported (only chunked)");
      }
      body = new byte[Math.min(1_024, Math.max(maxBody, 1))];
      phase = Phase.CHUNK_SIZE;
      hasBody = true;
    } else if (contentLength != null) {
      if (contentLength.isEmpty() || contentLength.length() > 18 || !contentLength.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return fail(ClientError.Kind.MALFORMED, 400, "bad Content-Length: " + contentLength);
      }
      long length = Long.parseLong(contentLength);
      if (length > maxBody) {
        return fail(ClientError.Kind.BODY_TOO_LARGE, 413,
            "request body of " + length + " bytes exceeds the limit of " + maxBody + " bytes");
      }
      remaining = length;
      // Grown as bytes arrive, never allocated from the declared length: a client that declares
      // a megabyte and sends nothing holds nothing.
      body = new byte[(int) Math.min(length, 16 * 1024)];
      phase = Phase.FIXED_BODY;
      hasBody = length > 0;
    } else {
      hasBody = false;
    }
    if (!hasBody) {
      body = null;
      return complete();
    }
    String expect = valueOf("expect");
    expectContinue = version.equals("HTTP/1.1") && expect != null && expect.equalsIgnoreCase("100-continue");
    return Event.HEAD_DONE;
  }

  private Event chunkSize(String sizeLine) {
    int semicolon = sizeLine.indexOf(';');
    String hex = trimBlanks(semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon));
    if (hex.isEmpty() || hex.length() > 8 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      return fail(ClientError.Kind.MALFORMED, 400, "bad chunk size: " + sizeLine);
    }
    long size = Long.parseLong(hex, 16);
    if (bodyLength + size > maxBody) {
      return fail(ClientError.Kind.BODY_TOO_LARGE, 413, "chunked request body exceeds the limit of " + maxBody + " bytes");
    }
    if (size == 0) {
      phase = Phase.TRAILERS;
    } else {
      remaining = size;
      phase = Phase.CHUNK_DATA;
    }
    return null;
  }

  /** A line ending in LF (CR before it dropped), or null when it has not ended yet. */
  private String readLine(ByteBuffer in) {
    while (in.hasRemaining()) {
      byte b = in.get();
      if (b == '\n') {
        String l = line.toString();
        line.setLength(0);
        lineCr = false;
        return l;
      }
      if (lineCr) {
        line.append('\r');
      }
      lineCr = b == '\r';
      if (!lineCr) {
        line.append((char) (b & 0xff));
      }
      if (line.length() > MAX_CHUNK_LINE) {
        return null;
      }
    }
    return null;
  }

  private Event needMoreOr(boolean bad, String message) {
    return bad ? fail(ClientError.Kind.MALFORMED, 400, message) : Event.NEED_MORE;
  }

  private void copyBody(ByteBuffer in, int n) {
    if (n == 0) {
      return;
    }
    if (bodyLength + n > body.length) {
      long limit = phase == Phase.FIXED_BODY ? bodyLength + remaining : maxBody;
      int grown = (int) Math.min(limit, Math.max((long) bodyLength + n, body.length * 2L));
      body = Arrays.copyOf(body, grown);
    }
    in.get(body, bodyLength, n);
    bodyLength += n;
  }

  private Event complete() {
    byte[] content = body == null ? new byte[0] : body.length == bodyLength ? body : Arrays.copyOf(body, bodyLength);
    request = new Request(method, target, version, headers, content);
    body = null;
    phase = Phase.DONE;
    return Event.REQUEST;
  }

  private Event fail(ClientError.Kind kind, int status, String message) {
    error = new ClientError(kind, status, message);
    phase = Phase.FAILED;
    return Event.ERROR;
  }

  private String valueOf(String name) {
    for (Header h : headers) {
      if (h.name().equals(name)) {
        return h.value();
      }
    }
    return null;
  }

  private static String trimBlanks(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
      from++;
    }
    while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
      to--;
    }
    return s.substring(from, to);
  }

  /** RFC 9110 token characters only, and at least one. */
  private static boolean isToken(String s, int from, int to) {
    if (from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
