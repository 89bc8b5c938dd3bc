package io.faultline.proxy.api;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small HTTP/1.1 server for the control API (keep-alive, Content-Length and chunked request
 * bodies). The JDK's built-in server cannot be used: it refuses request targets containing
 * characters such as {@code >}, which the Java client sends unencoded in proxy names like
 * {@code n1->n2}; Go's server, like this one, accepts them. One thread per API connection; the API
 * is low-volume control traffic.
 */
final class HttpListener implements AutoCloseable {
  /** A parsed request; header names lower-cased; {@code path} percent-decoded, without query. */
  record Request(String method, String path, Map<String, String> headers, byte[] body) {}

  /** A response; {@code headers} in the order written. */
  record Response(int status, Map<String, String> headers, byte[] body) {}

  interface Handler {
    Response handle(Request request);
  }

  private static final int MAX_HEAD = 64 * 1024;
  private static final int MAX_BODY = 16 << 20;
  private static final int MAX_CONNECTIONS = 256;
  private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

  private final ServerSocket server;
  private final Handler handler;
  private final ExecutorService workers;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();

  HttpListener(InetSocketAddress address, Handler handler) throws IOException {
    this.server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(address, 128);
    this.handler = handler;
    this.workers =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "toxiproxy-api");
              t.setDaemon(true);
              return t;
            });
    workers.execute(this::acceptLoop);
  }

  InetSocketAddress address() {
    return (InetSocketAddress) server.getLocalSocketAddress();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        if (open.size() >= MAX_CONNECTIONS) {
          socket.close();
          continue;
        }
        open.add(socket);
        workers.execute(() -> serve(socket));
      } catch (IOException e) {
        if (server.isClosed()) {
          return;
        }
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(60_000); // Go's idle timeout
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      while (true) {
        Request request;
        boolean keepAlive;
        try {
          String head = readHead(in);
          if (head == null) {
            return;
          }
          String[] lines = head.split("\r\n");
          String[] requestLine = lines[0].split(" ");
          if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/1.")) {
            throw new BadRequest();
          }
          Map<String, String> headers = new LinkedHashMap<>();
          for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
              throw new BadRequest();
            }
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
          }
          String connection = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
          keepAlive = requestLine[2].equals("HTTP/1.1") ? !connection.equals("close") : connection.equals("keep-alive");
          if (headers.getOrDefault("expect", "").equalsIgnoreCase("100-continue")) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
          }
          byte[] body = readBody(in, headers);
          request = new Request(requestLine[0], decodePath(requestLine[1]), headers, body);
        } catch (BadRequest e) {
          write(out, new Response(400, Map.of("Content-Type", "text/plain; charset=utf-8", "Connection", "close"),
              "400 Bad Request".getBytes(StandardCharsets.UTF_8)), false);
          return;
        }
        write(out, handler.handle(request), keepAlive);
        if (!keepAlive) {
          return;
        }
      }
    } catch (SocketTimeoutException | SocketException e) {
      // idle or gone: nothing to answer
    } catch (IOException e) {
      // a broken client connection only ends that connection
    } finally {
      open.remove(socket);
    }
  }

  /** The request line and headers, without the final blank line; null at a clean EOF. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int state = 0; // counts \r\n\r\n progress
    int b;
    while ((b = in.read()) >= 0) {
      if (head.size() == 0 && state == 0 && (b == '\r' || b == '\n')) {
        continue; // tolerate blank lines between requests
      }
      head.write(b);
      if (head.size() > MAX_HEAD) {
        throw new BadRequest();
      }
      state = switch (state) {
        case 0 -> b == '\r' ? 1 : 0;
        case 1 -> b == '\n' ? 2 : (b == '\r' ? 1 : 0);
        case 2 -> b == '\r' ? 3 : 0;
        case 3 -> b == '\n' ? 4 : (b == '\r' ? 1 : 0);
        default -> 0;
      };
      if (state == 4) {
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.length() - 4);
      }
    }
    if (head.size() == 0) {
      return null;
    }
    throw new BadRequest();
  }

  private static byte[] readBody(InputStream in, Map<String, String> headers) throws IOException {
    if (headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked")) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      while (true) {
        String sizeLine = readLine(in);
        int semicolon = sizeLine.indexOf(';');
        int size;
        try {
          size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
        } catch (NumberFormatException e) {
          throw new BadRequest();
        }
        if (size < 0 || body.size() + size > MAX_BODY) {
          throw new BadRequest();
        }
        if (size == 0) {
          while (!readLine(in).isEmpty()) {
            // trailers are ignored
          }
          return body.toByteArray();
        }
        body.write(in.readNBytes(size));
        readLine(in);
      }
    }
    String length = headers.get("content-length");
    if (length == null) {
      return new byte[0];
    }
    int n;
    try {
      n = Integer.parseInt(length.trim());
    } catch (NumberFormatException e) {
      throw new BadRequest();
    }
    if (n < 0 || n > MAX_BODY) {
      throw new BadRequest();
    }
    byte[] body = in.readNBytes(n);
    if (body.length != n) {
      throw new BadRequest();
    }
    return body;
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      if (b != '\r') {
        line.write(b);
      }
      if (line.size() > MAX_HEAD) {
        throw new BadRequest();
      }
    }
    if (b < 0) {
      throw new BadRequest();
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  /** Path of the request target, percent-decoded as Go's URL.Path is (so %2F becomes '/'). */
  static String decodePath(String target) {
    String path = target;
    int scheme = path.indexOf("://");
    if (scheme > 0 && !path.startsWith("/")) {
      int slash = path.indexOf('/', scheme + 3);
      path = slash < 0 ? "/" : path.substring(slash);
    }
    int query = path.indexOf('?');
    if (query >= 0) {
      path = path.substring(0, query);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] raw = path.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] == '%') {
        if (i + 2 >= raw.length) {
          throw new BadRequest();
        }
        int hi = Character.digit(raw[i + 1], 16);
        int lo = Character.digit(raw[i + 2], 16);
        if (hi < 0 || lo < 0) {
          throw new BadRequest();
        }
        out.write(hi * 16 + lo);
        i += 2;
      } else {
        out.write(raw[i]);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static void write(OutputStream out, Response response, boolean keepAlive) throws IOException {
    StringBuilder head = new StringBuilder();
    head.append("HTTP/1.1 ").append(response.status()).append(' ').append(reason(response.status())).append("\r\n");
    for (Map.Entry<String, String> h : response.headers().entrySet()) {
      head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
    }
    head.append("Date: ").append(DATE.format(ZonedDateTime.now(ZoneOffset.UTC))).append("\r\n");
    if (response.status() != 204) {
      head.append("Content-Length: ").append(response.body().length).append("\r\n");
    }
    if (!keepAlive) {
      head.append("Connection: close\r\n");
    }
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(response.body());
    out.flush();
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 201 -> "Created";
      case 204 -> "No Content";
      case 301 -> "Moved Permanently";
      case 400 -> "Bad Request";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 409 -> "Conflict";
      case 500 -> "Internal Server Error";
      case 503 -> "Service Unavailable";
      default -> "Status";
    };
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Socket socket : open) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    workers.shutdownNow();
  }

  /** A malformed request: answered with 400 and the connection closed. */
  private static final class BadRequest extends RuntimeException {
    BadRequest() {
      super(null, null, false, false);
    }
  }
}
