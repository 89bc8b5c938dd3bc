package io.faultline.node.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultline.node.kv.KvCodec;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A minimal HTTP/1.1 client for one node over ONE keep-alive connection, one request at a time
 * (not thread-safe: give each client thread its own). Small and allocation-light so a benchmark
 * measures the node, not the client. Reconnects transparently before a request if the previous
 * connection was closed; a failure during a request is thrown (its outcome is unknown).
 */
public final class NodeClient implements AutoCloseable {
  private final String host;
  private final int port;
  private final int timeoutMs;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  public NodeClient(String host, int port, int timeoutMs) {
    this.host = host;
    this.port = port;
    this.timeoutMs = timeoutMs;
  }

  public HttpReply get(String key) throws IOException {
    return request("GET", "/kv/" + encode(key), null);
  }

  public HttpReply put(String key, JsonNode value) throws IOException {
    ObjectNode body = KvCodec.JSON.createObjectNode();
    body.set("value", value);
    return request("PUT", "/kv/" + encode(key), body);
  }

  public HttpReply cas(String key, JsonNode expect, JsonNode value) throws IOException {
    ObjectNode body = KvCodec.JSON.createObjectNode();
    body.set("expect", expect);
    body.set("value", value);
    return request("POST", "/kv/" + encode(key) + "/cas", body);
  }

  public HttpReply txn(JsonNode ops) throws IOException {
    ObjectNode body = KvCodec.JSON.createObjectNode();
    body.set("ops", ops);
    return request("POST", "/txn", body);
  }

  public HttpReply status() throws IOException {
    return request("GET", "/admin/status", null);
  }

  public HttpReply request(String method, String path, JsonNode body) throws IOException {
    return raw(method, path, body == null ? null : KvCodec.JSON.writeValueAsBytes(body));
  }

  /** Sends raw body bytes (tests use it for malformed input). */
  public HttpReply raw(String method, String path, byte[] body) throws IOException {
    connect();
    try {
      StringBuilder head = new StringBuilder(128);
      head.append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ")
          .append(host).append(':').append(port).append("\r\n");
      if (body != null) {
        head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
      }
      head.append("\r\n");
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      if (body != null) {
        out.write(body);
      }
      out.flush();
      return readReply();
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  private HttpReply readReply() throws IOException {
    String statusLine = line();
    if (!statusLine.startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP reply: " + statusLine);
    }
    int status = Integer.parseInt(statusLine.substring(9, 12));
    long length = -1;
    boolean chunked = false;
    boolean closeAfter = false;
    for (String header = line(); !header.isEmpty(); header = line()) {
      int colon = header.indexOf(':');
      String name = header.substring(0, colon).trim().toLowerCase();
      String value = header.substring(colon + 1).trim();
      switch (name) {
        case "content-length" -> length = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
        case "connection" -> closeAfter = value.equalsIgnoreCase("close");
        default -> { }
      }
    }
    byte[] bytes;
    if (chunked) {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
          size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
        all.write(in.readNBytes(size));
        line();
      }
      line();
      bytes = all.toByteArray();
    } else {
      bytes = length > 0 ? in.readNBytes((int) length) : new byte[0];
      if (bytes.length < length) {
        throw new IOException("connection closed in the middle of a reply");
      }
    }
    if (closeAfter) {
      close();
    }
    return new HttpReply(status, parse(bytes));
  }

  /** JSON bodies parsed; anything else (e.g. the JDK server's own HTML error page) kept as text. */
  private static JsonNode parse(byte[] bytes) {
    if (bytes.length == 0) {
      return MissingNode.getInstance();
    }
    try {
      return KvCodec.JSON.readTree(bytes);
    } catch (IOException e) {
      ObjectNode raw = KvCodec.JSON.createObjectNode();
      raw.put("raw", new String(bytes, StandardCharsets.UTF_8));
      return raw;
    }
  }

  private String line() throws IOException {
    StringBuilder s = new StringBuilder(64);
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed by the node");
      }
      if (b != '\r') {
        s.append((char) b);
      }
    }
    return s.toString();
  }

  private void connect() throws IOException {
    if (socket != null) {
      return;
    }
    Socket s = new Socket();
    s.setTcpNoDelay(true);
    s.setSoTimeout(timeoutMs);
    s.connect(new InetSocketAddress(host, port), timeoutMs);
    socket = s;
    in = new BufferedInputStream(s.getInputStream(), 8_192);
    out = new BufferedOutputStream(s.getOutputStream(), 8_192);
  }

  private static String encode(String key) {
    return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
      socket = null;
    }
  }
}
