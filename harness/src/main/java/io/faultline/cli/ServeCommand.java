package io.faultline.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.faultline.report.Html;
import io.faultline.report.StoredRun;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code faultline serve}: serves the results folder on 127.0.0.1 (or {@code --bind}), static files
 * plus a listing for folders without an {@code index.html}. Nothing outside the folder is served:
 * the decoded path is normalised and must stay inside, and the real path (symbolic links resolved)
 * must too. A run's report is re-rendered from its stored files on {@code GET <run>/?rerender} and
 * whenever its index.html is missing or older than its results.json.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve results/ for browsing reports.")
public final class ServeCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "8080", description = "port (default ${DEFAULT-VALUE}; 0 = any free)")
  int port;

  @Option(names = "--bind", defaultValue = "127.0.0.1",
      description = "address to listen on (default ${DEFAULT-VALUE}: this machine only)")
  String bind;

  @Option(names = "--results-dir", description = "folder to serve (default: <repo>/results)")
  Path resultsDir;

  @Override
  public Integer call() throws Exception {
    Path root = Locations.resultsRoot(resultsDir);
    if (!Files.isDirectory(root)) {
      System.err.println("faultline serve: " + root + ": no such folder (run ./faultline test first)");
      return Main.EXIT_HARNESS_FAILED;
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(bind);
    } catch (java.net.UnknownHostException e) {
      System.err.println("faultline serve: --bind " + bind + ": not an address of this machine");
      return Main.EXIT_HARNESS_FAILED;
    }
    HttpServer server;
    try {
      server = start(root, address, port);
    } catch (java.net.BindException e) {
      System.err.println("faultline serve: cannot listen on " + bind + ":" + port + " (" + e.getMessage() + ")");
      return Main.EXIT_HARNESS_FAILED;
    }
    System.out.println("serving " + root + " at http://" + server.getAddress().getHostString() + ":"
        + server.getAddress().getPort() + "/ (Ctrl-C stops)");
    new CountDownLatch(1).await();
    return 0;
  }

  /** Starts the server on the loopback address; exposed for tests. */
  static HttpServer start(Path root, int port) throws IOException {
    return start(root, InetAddress.getLoopbackAddress(), port);
  }

  static HttpServer start(Path root, InetAddress address, int port) throws IOException {
    Path base = root.toRealPath();
    HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 0);
    server.createContext("/", exchange -> {
      try (exchange) {
        serve(base, exchange);
      }
    });
    server.start();
    return server;
  }

  private static void serve(Path base, HttpExchange exchange) throws IOException {
    if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
      send(exchange, 405, "text/plain", "method not allowed\n".getBytes(StandardCharsets.UTF_8));
      return;
    }
    String path;
    Path target;
    try {
      path = URI.create(exchange.getRequestURI().getRawPath()).getPath();
      target = base.resolve(path.replaceFirst("^/+", "")).normalize();
    } catch (IllegalArgumentException e) { // bad escapes, NUL bytes
      send(exchange, 400, "text/plain", "bad path\n".getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (!target.startsWith(base) || !Files.exists(target)) {
      send(exchange, 404, "text/plain", "not found\n".getBytes(StandardCharsets.UTF_8));
      return;
    }
    target = target.toRealPath();
    if (!target.startsWith(base)) {
      send(exchange, 404, "text/plain", "not found\n".getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (Files.isDirectory(target)) {
      if (!path.endsWith("/")) {
        exchange.getResponseHeaders().add("Location", path + "/");
        send(exchange, 301, "text/plain", new byte[0]);
        return;
      }
      Path index = target.resolve("index.html");
      String query = exchange.getRequestURI().getRawQuery();
      if (StoredRun.isRun(target) && ("rerender".equals(query) || StoredRun.isStale(target))) {
        try {
          StoredRun.rerender(target);
        } catch (IOException | RuntimeException e) {
          send(exchange, 500, "text/plain; charset=utf-8",
              ("cannot re-render " + path + ": " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
          return;
        }
      }
      if (Files.isRegularFile(index)) {
        send(exchange, 200, "text/html; charset=utf-8", Files.readAllBytes(index));
      } else {
        send(exchange, 200, "text/html; charset=utf-8", listing(path, target));
      }
      return;
    }
    send(exchange, 200, contentType(target), Files.readAllBytes(target));
  }

  private static byte[] listing(String path, Path dir) throws IOException {
    StringBuilder h = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
        .append(Html.esc(path)).append("</title></head><body><h1>").append(Html.esc(path)).append("</h1><ul>");
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.sorted().toList()) {
        String name = p.getFileName().toString() + (Files.isDirectory(p) ? "/" : "");
        h.append("<li><a href=\"").append(Html.esc(name)).append("\">").append(Html.esc(name)).append("</a></li>");
      }
    }
    return h.append("</ul></body></html>").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String contentType(Path p) {
    String n = p.getFileName().toString();
    for (List<String> t : List.of(List.of(".html", "text/html; charset=utf-8"), List.of(".png", "image/png"),
        List.of(".svg", "image/svg+xml"), List.of(".json", "application/json"), List.of(".css", "text/css"),
        List.of(".jsonl", "text/plain; charset=utf-8"))) {
      if (n.endsWith(t.get(0))) {
        return t.get(1);
      }
    }
    return "text/plain; charset=utf-8";
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
