package io.faultline.http.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A blocking HTTP/1.1 client over one keep-alive connection that shows exactly what a server
 * sent (status, headers, body, whether it closed), and sends exactly the bytes it is given.
 * Reconnects when the server closed the previous connection. Not thread safe.
 */
public final class RawHttpClient implements AutoCloseable {
  /** An answer; header names lower-cased; {@code closed}: the server closed the connection after it. */
  public record Reply(int status, Map<String, String> headers, String body, boolean closed) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private final InetSocketAddress server;
  private final int timeoutMillis;
  private Socket socket;
  private InputStream in;

  public RawHttpClient(InetSocketAddress server, int timeoutMillis) {
    this.server = server;
    this.timeoutMillis = timeoutMillis;
  }

  /** {@code method path} with an optional body (Content-Length framed). */
  public Reply send(String method, String path, String body) throws IOException {
    StringBuilder request = new StringBuilder()
        .append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ")
        .append(server.getHostString()).append(':').append(server.getPort()).append("\r\n");
    byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    if (body != null) {
      request.append("Content-Type: application/json\r\nContent-Length: ").append(content.length).append("\r\n");
    }
    request.append("\r\n");
    byte[] head = request.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[head.length + content.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(content, 0, all, head.length, content.length);
    return sendRaw(all, method.equals("HEAD"));
  }

  /** Sends {@code bytes} as they are and reads one answer. */
  public Reply sendRaw(byte[] bytes, boolean headRequest) throws IOException {
    try {
      if (socket == null) {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(server, timeoutMillis);
        s.setSoTimeout(timeoutMillis);
        socket = s;
        in = new BufferedInputStream(s.getInputStream());
      }
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().flush();
      return read(headRequest);
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  private Reply read(boolean headRequest) throws IOException {
    String status;
    do {
      status = line();
      if (status.startsWith("HTTP/1.1 100 ")) {
        while (!line().isEmpty()) {
          // an interim answer's headers
        }
        status = "";
      }
    } while (status.isEmpty());
    if (!status.startsWith("HTTP/1.") || status.length() < 12) {
      throw new IOException("not an HTTP status line: " + status);
    }
    int code = Integer.parseInt(status.substring(9, 12));
    Map<String, String> headers = new LinkedHashMap<>();
    String l;
    while (!(l = line()).isEmpty()) {
      int colon = l.indexOf(':');
      if (colon > 0) {
        headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
      }
    }
    boolean close = "close".equalsIgnoreCase(headers.get("connection"));
    String length = headers.get("content-length");
    byte[] body;
    if (headRequest || code == 204 || code == 304) {
      body = new byte[0];
    } else if (length != null) {
      body = in.readNBytes(Integer.parseInt(length));
    } else {
      body = in.readAllBytes();
      close = true;
    }
    if (close) {
      close();
    }
    return new Reply(code, headers, new String(body, StandardCharsets.UTF_8), close);
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0) {
        throw new EOFException("connection closed by the server");
      }
      line.write(b);
    }
    String text = line.toString(StandardCharsets.ISO_8859_1);
    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // gone either way
      }
    }
    socket = null;
    in = null;
  }
}
