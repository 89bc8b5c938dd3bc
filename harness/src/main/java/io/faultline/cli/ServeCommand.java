package io.faultline.cli;

import io.faultline.http.ErrorPages;
import io.faultline.http.Handler;
import io.faultline.http.NioHttpServer;
import io.faultline.http.Request;
import io.faultline.http.Response;
import io.faultline.http.ServerLimits;
import io.faultline.report.Html;
import io.faultline.report.StoredRun;
import java.io.IOException;
import java.io.PrintStream;
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
 *
 * <p>HTTP is {@link NioHttpServer}'s: requests are read whole on its loop thread, with read
 * deadlines and a connection cap, and answered by {@value #WORKERS} worker threads, so a client
 * that sends one byte and stops (or a thousand of them) delays nobody.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve results/ for browsing reports.")
public final class ServeCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "8080", description = "port (default ${DEFAULT-VALUE}; 0 = any free)")
  int port;

  @Option(names = "--bind", defaultValue = "127.0.0.1",
      description = "address to listen on (default ${DEFAULT-VALUE}: this machine only). Any other address, "
          + "e.g. 0.0.0.0, lets whoever can reach the port read every stored run; allowed, with a warning")
  String bind;

  /** Handler threads: a re-render can take seconds, and other visitors should not wait on it. */
  static final int WORKERS = 4;

  static final ServerLimits LIMITS = ServerLimits.defaults().withWorkers(WORKERS);

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
    warnIfExposed(address, bind, System.err);
    NioHttpServer server;
    try {
      server = start(root, address, port, LIMITS);
    } catch (java.net.BindException e) {
      System.err.println("faultline serve: cannot listen on " + bind + ":" + port + " (" + e.getMessage() + ")");
      return Main.EXIT_HARNESS_FAILED;
    }
    System.out.println("serving " + root + " at http://" + server.address().getHostString() + ":"
        + server.port() + "/ (Ctrl-C stops)");
    new CountDownLatch(1).await();
    return 0;
  }

  /** One line on {@code err} when {@code address} is reachable from other machines. */
  static void warnIfExposed(InetAddress address, String bind, PrintStream err) {
    if (address.isLoopbackAddress()) {
      return;
    }
    String where = address.isAnyLocalAddress() ? "every network interface" : bind;
    err.println("faultline serve: warning: --bind " + bind + " listens on " + where
        + ": anyone who can reach this port can read every stored run (default 127.0.0.1: this machine only)");
  }

  /** Starts the server on the loopback address; exposed for tests. */
  static NioHttpServer start(Path root, int port) throws IOException {
    return start(root, InetAddress.getLoopbackAddress(), port, LIMITS);
  }

  static NioHttpServer start(Path root, InetAddress address, int port, ServerLimits limits) throws IOException {
    Path base = root.toRealPath();
    Handler handler = Handler.sync(request -> {
      try {
        return serve(base, request);
      } catch (IOException e) {
        return text(500, "cannot read " + request.rawPath() + ": " + e.getMessage() + "\n");
      }
    });
    return NioHttpServer.start(new InetSocketAddress(address, port), limits, handler, ErrorPages.plainText(),
        "faultline-serve");
  }

  private static Response serve(Path base, Request request) throws IOException {
    if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
      return text(405, "method not allowed\n").withHeader("Allow", "GET, HEAD");
    }
    String path;
    Path target;
    try {
      path = URI.create(request.rawPath()).getPath();
      target = base.resolve(path.replaceFirst("^/+", "")).normalize();
    } catch (IllegalArgumentException e) { // bad escapes, NUL bytes
      return text(400, "bad path\n");
    }
    if (!target.startsWith(base) || !Files.exists(target)) {
      return text(404, "not found\n");
    }
    target = target.toRealPath();
    if (!target.startsWith(base)) {
      return text(404, "not found\n");
    }
    if (Files.isDirectory(target)) {
      if (!path.endsWith("/")) {
        return Response.of(301, "text/plain", new byte[0]).withHeader("Location", path + "/");
      }
      Path index = target.resolve("index.html");
      String query = request.rawQuery();
      if (StoredRun.isRun(target) && ("rerender".equals(query) || StoredRun.isStale(target))) {
        try {
          StoredRun.rerender(target);
        } catch (IOException | RuntimeException e) {
          return text(500, "cannot re-render " + path + ": " + e.getMessage() + "\n");
        }
      }
      if (Files.isRegularFile(index)) {
        return Response.of(200, "text/html; charset=utf-8", Files.readAllBytes(index));
      }
      return Response.of(200, "text/html; charset=utf-8", listing(path, target));
    }
    return Response.of(200, contentType(target), Files.readAllBytes(target));
  }

  private static Response text(int status, String message) {
    return Response.of(status, "text/plain; charset=utf-8", message.getBytes(StandardCharsets.UTF_8));
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
}
