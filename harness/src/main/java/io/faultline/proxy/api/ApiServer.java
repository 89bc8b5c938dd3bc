package io.faultline.proxy.api;

import io.faultline.http.NioHttpServer;
import io.faultline.http.ServerLimits;
import io.faultline.proxy.loop.EventLoop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP side of the server: routes requests as the real server's router does (paths cleaned,
 * 404 {@code 404 page not found} for unknown paths, 405 with no body for a known path and wrong
 * method, 403 for browser user agents) and runs each operation on the event loop through the
 * {@link ProxyRegistry}. Every response carries {@code X-Toxiproxy-Request-Id}. HTTP itself is
 * {@link HttpListener}'s job.
 */
public final class ApiServer implements AutoCloseable {
  public static final String VERSION = "2.12.0";

  /**
   * The API's HTTP limits: 1,024 connections, 16 MiB bodies, 10 s to send a head or a body, 60 s
   * idle, 16 handler threads (see {@link ServerLimits}).
   */
  public static final ServerLimits DEFAULT_LIMITS = HttpListener.LIMITS;

  private static final String TEXT = "text/plain; charset=utf-8";

  private final HttpListener http;
  private final EventLoop loop;
  private final ProxyRegistry registry;
  private final String requestIdPrefix;
  private final AtomicLong requestIds = new AtomicLong();

  public ApiServer(InetSocketAddress address, EventLoop loop, ProxyRegistry registry, long requestIdSeed)
      throws IOException {
    this(address, loop, registry, requestIdSeed, DEFAULT_LIMITS);
  }

  /** As above, with the HTTP server's connection limits and timeouts given (tests shorten them). */
  public ApiServer(
      InetSocketAddress address, EventLoop loop, ProxyRegistry registry, long requestIdSeed, ServerLimits limits)
      throws IOException {
    this.loop = loop;
    this.registry = registry;
    this.requestIdPrefix = String.format("%08x", (int) requestIdSeed);
    // Load the JSON machinery now: the first ObjectMapper costs up to seconds on a busy machine,
    // which should not land on whichever API call comes first.
    Requests.parse(new byte[] {'{', '}'});
    this.http = new HttpListener(address, this::handle, limits);
  }

  public InetSocketAddress address() {
    return http.address();
  }

  /** The HTTP server underneath (tests read its connection counters). */
  public NioHttpServer http() {
    return http.server();
  }

  private HttpListener.Response handle(HttpListener.Request request) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Toxiproxy-Request-Id", requestIdPrefix + String.format("%012x", requestIds.incrementAndGet()));
    String agent = request.headers().get("user-agent");
    if (agent != null && agent.startsWith("Mozilla/")) {
      return render(headers, new Response(403, TEXT, "User agent not allowed\n".getBytes(StandardCharsets.UTF_8)));
    }
    String clean = cleanPath(request.path());
    if (!clean.equals(request.path())) {
      headers.put("Location", clean);
      return new HttpListener.Response(301, headers, new byte[0]);
    }
    Response response;
    try {
      response = route(request.method(), segments(clean), request.body());
    } catch (ApiException e) {
      response = Response.error(e);
    } catch (RuntimeException e) {
      response = Response.error(new ApiException(500, "internal error: " + e));
    }
    return render(headers, response);
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

  private static HttpListener.Response render(Map<String, String> headers, Response response) {
    if (response.contentType() != null) {
      headers.put("Content-Type", response.contentType());
      if (response.contentType().startsWith("text/plain")) {
        headers.put("X-Content-Type-Options", "nosniff");
      }
    }
    return new HttpListener.Response(response.status(), headers, response.body());
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
    http.close();
  }

  private record Response(int status, String contentType, byte[] body) {
    static final Response NO_CONTENT = new Response(204, null, new byte[0]);
    static final Response METHOD_NOT_ALLOWED = new Response(405, null, new byte[0]);
    static final Response NOT_FOUND =
        new Response(404, TEXT, "404 page not found\n".getBytes(StandardCharsets.UTF_8));

    static Response json(int status, byte[] body) {
      return new Response(status, "application/json", body);
    }

    static Response error(ApiException e) {
      return new Response(e.status(), TEXT, Responses.error(e));
    }
  }
}
