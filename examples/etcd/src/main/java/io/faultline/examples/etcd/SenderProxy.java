package io.faultline.examples.etcd;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The HTTP forward proxy one etcd member uses for all its peer traffic ({@code HTTP_PROXY}), so the
 * harness knows who is sending. etcd's peers all dial the same advertised URL of a member, so a
 * plain TCP proxy per directed link cannot be put in their path; but etcd's peer transport honours
 * {@code HTTP_PROXY}. This proxy belongs to one sender {@code ni}: a request for member {@code nj}
 * (recognised by the port of its advertised URL) is sent to the harness's Toxiproxy link {@code
 * ni->nj}. Each proxied connection carries one request ({@code Connection: close} both ways).
 *
 * <p>Connections live at most {@code maxAge}. The harness cuts a link by black-holing what the
 * dialling side sends; etcd's raft streams are long GET responses flowing the other way, which such
 * a cut would never stop. Closing every connection after {@code maxAge} makes etcd re-dial, and a
 * re-dial through a cut link gets nowhere, so a partition takes full effect within {@code maxAge}.
 * Runs on daemon threads; {@link #close()} stops accepting.
 */
final class SenderProxy implements AutoCloseable {
  private static final int MAX_HEAD = 64 * 1024;

  private final ServerSocket server;
  private final Map<Integer, InetSocketAddress> upstreamByPort;
  private final Consumer<String> log;
  private final Duration maxAge;
  private final ScheduledExecutorService reaper;

  /**
   * @param upstreamByPort for each member's advertised port, where this sender reaches it (its link proxy)
   */
  SenderProxy(String name, Map<Integer, InetSocketAddress> upstreamByPort, Duration maxAge, Consumer<String> log)
      throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.upstreamByPort = Map.copyOf(upstreamByPort);
    this.maxAge = maxAge;
    this.log = log;
    this.reaper = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "etcd-sender-proxy-reaper-" + name);
      t.setDaemon(true);
      return t;
    });
    Thread t = new Thread(this::acceptLoop, "etcd-sender-proxy-" + name);
    t.setDaemon(true);
    t.start();
  }

  int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Thread t = new Thread(() -> serve(client), "etcd-sender-proxy-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      String head = readHead(in);
      if (head == null) {
        return;
      }
      String[] lines = head.split("\r\n");
      String[] requestLine = lines[0].split(" ");
      if (requestLine.length != 3 || !requestLine[1].startsWith("http://")) {
        reply(client.getOutputStream(), 400, "not a forward-proxy request: " + lines[0]);
        return;
      }
      String rest = requestLine[1].substring("http://".length());
      int slash = rest.indexOf('/');
      String authority = slash < 0 ? rest : rest.substring(0, slash);
      String path = slash < 0 ? "/" : rest.substring(slash);
      int port = Integer.parseInt(authority.substring(authority.lastIndexOf(':') + 1));
      InetSocketAddress upstream = upstreamByPort.get(port);
      if (upstream == null) {
        reply(client.getOutputStream(), 502, "no member advertises port " + port);
        log.accept("etcd peer request for unknown port " + port + ": " + lines[0]);
        return;
      }
      try (Socket up = new Socket()) {
        try {
          up.connect(upstream, 2_000);
        } catch (IOException e) {
          reply(client.getOutputStream(), 502, "link down");
          return;
        }
        reaper.schedule(() -> closeQuietly(client, up), maxAge.toMillis(), TimeUnit.MILLISECONDS);
        StringBuilder rewritten = new StringBuilder(requestLine[0] + " " + path + " " + requestLine[2] + "\r\n");
        for (int i = 1; i < lines.length; i++) {
          String lower = lines[i].toLowerCase(java.util.Locale.ROOT);
          if (!lower.startsWith("connection:") && !lower.startsWith("proxy-connection:")) {
            rewritten.append(lines[i]).append("\r\n");
          }
        }
        rewritten.append("Connection: close\r\n\r\n");
        up.getOutputStream().write(rewritten.toString().getBytes(StandardCharsets.ISO_8859_1));
        Thread upload = new Thread(() -> pipe(in, up), "etcd-sender-proxy-upload");
        upload.setDaemon(true);
        upload.start();
        InputStream upIn = up.getInputStream();
        String responseHead = readHead(upIn);
        if (responseHead == null) {
          return;
        }
        OutputStream out = client.getOutputStream();
        out.write(withConnectionClose(responseHead).getBytes(StandardCharsets.ISO_8859_1));
        upIn.transferTo(out);
      }
    } catch (IOException | RuntimeException e) {
      // A cut link, a killed member or a closed client: the exchange simply ends, as on a real network.
    }
  }

  private static void closeQuietly(Socket... sockets) {
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException e) {
        // Already gone.
      }
    }
  }

  private static void pipe(InputStream from, Socket to) {
    try {
      from.transferTo(to.getOutputStream());
      to.shutdownOutput();
    } catch (IOException e) {
      // Either side went away; the response pump closes the pair.
    }
  }

  private static String withConnectionClose(String head) {
    StringBuilder sb = new StringBuilder();
    for (String line : head.split("\r\n")) {
      if (!line.toLowerCase(java.util.Locale.ROOT).startsWith("connection:")) {
        sb.append(line).append("\r\n");
      }
    }
    return sb.append("Connection: close\r\n\r\n").toString();
  }

  /** Bytes up to and excluding the blank line ending an HTTP head; null on a connection closed first. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      if (head.size() > MAX_HEAD) {
        throw new IOException("HTTP head over " + MAX_HEAD + " bytes");
      }
    }
    String s = head.toString(StandardCharsets.ISO_8859_1);
    return s.substring(0, s.length() - 4);
  }

  private static void reply(OutputStream out, int status, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    out.write(("HTTP/1.1 " + status + " Faultline\r\nContent-Type: text/plain\r\nContent-Length: " + body.length
        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
  }

  @Override
  public void close() {
    reaper.shutdownNow();
    try {
      server.close();
    } catch (IOException e) {
      // Closing anyway.
    }
  }
}
