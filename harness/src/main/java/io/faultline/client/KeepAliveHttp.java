package io.faultline.client;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal HTTP/1.1 client over one keep-alive connection, for one client process at a time (not
 * thread safe). Each request has a deadline: connect, write and read must finish within it or the
 * call throws {@link java.net.SocketTimeoutException}; when the connection cannot even be opened it
 * throws {@link NotSentException} (the request certainly did not leave). After any I/O error the connection is
 * dropped and the next request opens a new one, so an unknown outcome never leaks into the next
 * operation. Only what the KV API needs: Content-Length bodies, no chunking, no redirects.
 */
public final class KeepAliveHttp implements AutoCloseable {
  private static final int MAX_BODY = 16 << 20;

  private final String host;
  private final int port;
  private final int timeoutMillis;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  public KeepAliveHttp(String host, int port, int timeoutMillis) {
    this.host = host;
    this.port = port;
    this.timeoutMillis = timeoutMillis;
  }

  /** Sends {@code method path} with an optional JSON body and reads the whole response. */
  public HttpResponse exchange(String method, String path, byte[] jsonBody) throws IOException {
    try {
      ensureOpen();
      writeRequest(method, path, jsonBody);
      return readResponse();
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  private void ensureOpen() throws IOException {
    if (socket != null) {
      return;
    }
    Socket s = new Socket();
    s.setTcpNoDelay(true);
    try {
      s.connect(new InetSocketAddress(host, port), timeoutMillis);
    } catch (IOException e) {
      s.close();
      throw new NotSentException("cannot connect to " + host + ":" + port + ": " + e.getMessage(), e);
    }
    s.setSoTimeout(timeoutMillis);
    socket = s;
    in = new BufferedInputStream(s.getInputStream(), 8192);
    out = s.getOutputStream();
  }

  private void writeRequest(String method, String path, byte[] body) throws IOException {
    StringBuilder head = new StringBuilder(128)
        .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
        .append("Host: ").append(host).append(':').append(port).append("\r\n");
    int length = body == null ? 0 : body.length;
    if (body != null) {
      head.append("Content-Type: application/json\r\n");
    }
    head.append("Content-Length: ").append(length).append("\r\n\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[headBytes.length + length];
    System.arraycopy(headBytes, 0, all, 0, headBytes.length);
    if (body != null) {
      System.arraycopy(body, 0, all, headBytes.length, length);
    }
    out.write(all); // one write, one segment: no Nagle/delayed-ACK stall between head and body
    out.flush();
  }

  private HttpResponse readResponse() throws IOException {
    String statusLine = readLine();
    if (!statusLine.startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP response: " + statusLine);
    }
    int status = Integer.parseInt(statusLine.substring(9, 12));
    int contentLength = -1;
    boolean close = statusLine.startsWith("HTTP/1.0");
    String line;
    while (!(line = readLine()).isEmpty()) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      if (name.equalsIgnoreCase("Content-Length")) {
        contentLength = Integer.parseInt(value);
      } else if (name.equalsIgnoreCase("Connection")) {
        close = value.equalsIgnoreCase("close") || (close && !value.equalsIgnoreCase("keep-alive"));
      } else if (name.equalsIgnoreCase("Transfer-Encoding") && !value.equalsIgnoreCase("identity")) {
        throw new IOException("unsupported Transfer-Encoding: " + value);
      }
    }
    byte[] body;
    if (contentLength >= 0) {
      if (contentLength > MAX_BODY) {
        throw new IOException("response body too large: " + contentLength);
      }
      body = in.readNBytes(contentLength);
      if (body.length < contentLength) {
        throw new EOFException("connection closed inside the response body");
      }
    } else {
      body = in.readAllBytes(); // no length: the body ends with the connection
      close = true;
    }
    if (close) {
      close();
    }
    return new HttpResponse(status, body);
  }

  private String readLine() throws IOException {
    StringBuilder sb = new StringBuilder(64);
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed by " + host + ":" + port);
      }
      if (b == '\n') {
        int len = sb.length();
        if (len > 0 && sb.charAt(len - 1) == '\r') {
          sb.setLength(len - 1);
        }
        return sb.toString();
      }
      if (sb.length() > 8192) {
        throw new IOException("response header line too long");
      }
      sb.append((char) b);
    }
  }

  @Override
  public void close() {
    Socket s = socket;
    socket = null;
    in = null;
    out = null;
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        // Nothing to do: the connection is abandoned either way.
      }
    }
  }
}
