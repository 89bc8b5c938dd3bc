package io.faultline.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.faultline.report.Html;
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
 * {@code faultline serve}: serves the results folder read-only on 127.0.0.1, static files plus a
 * listing for folders without an {@code index.html}. Paths cannot leave the results folder.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve results/ for browsing reports.")
public final class ServeCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "8080", description = "port on 127.0.0.1 (default ${DEFAULT-VALUE}; 0 = any free)")
  int port;

  @Option(names = "--results-dir", description = "folder to serve (default: <repo>/results)")
  Path resultsDir;

  @Override
  public Integer call() throws Exception {
    Path root = Locations.resultsRoot(resultsDir);
    if (!Files.isDirectory(root)) {
      System.err.println("faultline serve: " + root + ": no such folder (run ./faultline test first)");
      return Main.EXIT_HARNESS_FAILED;
    }
    HttpServer server = start(root, port);
    System.out.println("serving " + root + " at http://127.0.0.1:" + server.getAddress().getPort() + "/ (Ctrl-C stops)");
    new CountDownLatch(1).await();
    return 0;
  }

  /** Starts the server; exposed for tests. */
  static HttpServer start(Path root, int port) throws IOException {
    Path base = root.toRealPath();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
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
    String path = URI.create(exchange.getRequestURI().getRawPath()).getPath();
    Path target = base.resolve(path.replaceFirst("^/+", "")).normalize();
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
        List.of(".svg", "image/svg+xml"), List.of(".json", "application/json"), List.of(".css", "text/css"))) {
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
