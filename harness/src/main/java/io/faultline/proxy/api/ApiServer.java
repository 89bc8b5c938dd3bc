package io.faultline.proxy.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.faultline.proxy.loop.EventLoop;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP side of the server: routes requests as the real server's router does (paths cleaned,
 * 404 {@code 404 page not found} for unknown paths, 405 with no body for a known path and wrong
 * method, 403 for browser user agents) and runs each operation on the event loop through the
 * {@link ProxyRegistry}. Every response carries {@code X-Toxiproxy-Request-Id}.
 */
public final class ApiServer implements AutoCloseable {
  public static final String VERSION = "2.12.0";

  private final HttpServer http;
  private final ExecutorService executor;
  private final EventLoop loop;
  private final ProxyRegistry registry;
  private final String requestIdPrefix;
  private final AtomicLong requestIds = new AtomicLong();

  public ApiServer(InetSocketAddress address, EventLoop loop, ProxyRegistry registry, long requestIdSeed)
      throws IOException {
    this.loop = loop;
    this.registry = registry;
    this.requestIdPrefix = String.format("%08x", (int) requestIdSeed);
    this.http = HttpServer.create(address, 128);
    this.executor =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "toxiproxy-api");
              t.setDaemon(true);
              return t;
            });
    http.setExecutor(executor);
    http.createContext("/", this::handle);
    http.start();
  }

  public InetSocketAddress address() {
    return http.getAddress();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange; InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readAllBytes();
      exchange.getResponseHeaders().set("X-Toxiproxy-Request-Id", requestIdPrefix + String.format("%012x", requestIds.incrementAndGet()));
      String agent = exchange.getRequestHeaders().getFirst("User-Agent");
      if (agent != null && agent.startsWith("Mozilla/")) {
        sendText(exchange, 403, "User agent not allowed\n");
        return;
      }
      String path = exchange.getRequestURI().getPath();
      String clean = cleanPath(path);
      if (!clean.equals(path)) {
        exchange.getResponseHeaders().set("Location", clean);
        exchange.sendResponseHeaders(301, -1);
        return;
      }
      Response response;
      try {
        response = route(exchange.getRequestMethod(), segments(clean), body);
      } catch (ApiException e) {
        response = Response.error(e);
      } catch (RuntimeException e) {
        response = Response.error(new ApiException(500, "internal error: " + e));
      }
      send(exchange, response);
    }
  }

  private Response route(String method, List<String> s, byte[] body) {
    int n = s.size();
    if (n == 1 && s.get(0).equals("proxies")) {
      return switch (method) {
        case "GET" -> Response.json(200, Responses.proxyMap(onLoop(registry::list)));
        case "POST" -> Response.json(201, Responses.proxy(onLoop(() -> registry.create(body))));
        default -> Response.METHOD_NOT_ALLOWED;
      };
    }
    if (n == 2 && s.get(0).equals("proxies")) {
      String p = s.get(1);
      return switch (method) {
        case "GET" -> Response.json(200, Responses.proxy(onLoop(() -> registry.get(p))));
        case "POST", "PATCH" -> Response.json(200, Responses.proxy(onLoop(() -> registry.update(p, body))));
        case "DELETE" -> noContent(() -> registry.delete(p));
        default -> Response.METHOD_NOT_ALLOWED;
      };
    }
    if (n == 3 && s.get(0).equals("proxies") && s.get(2).equals("toxics")) {
      String p = s.get(1);
      return switch (method) {
        case "GET" -> Response.json(200, Responses.toxics(onLoop(() -> registry.toxics(p))));
        case "POST" -> Response.json(200, Responses.toxic(onLoop(() -> registry.addToxic(p, body))));
        default -> Response.METHOD_NOT_ALLOWED;
      };
    }
    if (n == 4 && s.get(0).equals("proxies") && s.get(2).equals("toxics")) {
      String p = s.get(1);
      String t = s.get(3);
      return switch (method) {
        case "GET" -> Response.json(200, Responses.toxic(onLoop(() -> registry.toxic(p, t))));
        case "POST", "PATCH" -> Response.json(200, Responses.toxic(onLoop(() -> registry.updateToxic(p, t, body))));
        case "DELETE" -> noContent(() -> registry.removeToxic(p, t));
        default -> Response.METHOD_NOT_ALLOWED;
      };
    }
    if (n == 1 && s.get(0).equals("reset")) {
      return method.equals("POST") ? noContent(registry::reset) : Response.METHOD_NOT_ALLOWED;
    }
    if (n == 1 && s.get(0).equals("populate")) {
      return method.equals("POST") ? populate(body) : Response.METHOD_NOT_ALLOWED;
    }
    if (n == 1 && s.get(0).equals("version")) {
      return method.equals("GET")
          ? new Response(200, "application/json;charset=utf-8",
              ("{\"version\": \"" + VERSION + "\"}\n").getBytes(StandardCharsets.UTF_8))
          : Response.METHOD_NOT_ALLOWED;
    }
    return Response.NOT_FOUND;
  }

  /** Populate errors combine error, status and the proxies handled so far in one JSON object. */
  private Response populate(byte[] body) {
    ProxyRegistry.PopulateResult result;
    try {
      result = onLoop(() -> registry.populate(body));
    } catch (ApiException e) {
      return Response.json(e.status(), Responses.populate(List.of(), e));
    }
    if (result.error() != null) {
      return Response.json(result.error().status(), Responses.populate(result.proxies(), result.error()));
    }
    return Response.json(201, Responses.populate(result.proxies(), null));
  }

  private Response noContent(Runnable action) {
    onLoop(
        () -> {
          action.run();
          return null;
        });
    return Response.NO_CONTENT;
  }

  private <T> T onLoop(java.util.concurrent.Callable<T> work) {
    return loop.call(work);
  }

  private static void send(HttpExchange exchange, Response response) throws IOException {
    if (response.contentType() != null) {
      exchange.getResponseHeaders().set("Content-Type", response.contentType());
    }
    if (response.contentType() != null && response.contentType().startsWith("text/plain")) {
      exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    }
    if (response.body().length == 0) {
      exchange.sendResponseHeaders(response.status(), -1);
    } else {
      exchange.sendResponseHeaders(response.status(), response.body().length);
      exchange.getResponseBody().write(response.body());
    }
  }

  private static void sendText(HttpExchange exchange, int status, String text) throws IOException {
    send(exchange, new Response(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Go's path.Clean: no empty or "." segments, ".." resolved, no trailing slash. */
  static String cleanPath(String path) {
    java.util.ArrayDeque<String> out = new java.util.ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        out.pollLast();
      } else {
        out.addLast(part);
      }
    }
    return "/" + String.join("/", out);
  }

  private static List<String> segments(String cleanPath) {
    return cleanPath.equals("/") ? List.of() : Arrays.asList(cleanPath.substring(1).split("/"));
  }

  @Override
  public void close() {
    http.stop(0);
    executor.shutdownNow();
  }

  private record Response(int status, String contentType, byte[] body) {
    static final Response NO_CONTENT = new Response(204, null, new byte[0]);
    static final Response METHOD_NOT_ALLOWED = new Response(405, null, new byte[0]);
    static final Response NOT_FOUND =
        new Response(404, "text/plain; charset=utf-8", "404 page not found\n".getBytes(StandardCharsets.UTF_8));

    static Response json(int status, byte[] body) {
      return new Response(status, "application/json", body);
    }

    static Response error(ApiException e) {
      return new Response(e.status(), "text/plain; charset=utf-8", Responses.error(e));
    }
  }
}
