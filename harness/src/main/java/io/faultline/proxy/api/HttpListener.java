package io.faultline.proxy.api;

import io.faultline.http.ClientError;
import io.faultline.http.ErrorPages;
import io.faultline.http.Header;
import io.faultline.http.NioHttpServer;
import io.faultline.http.ServerLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The control API's HTTP/1.1 side, on {@link NioHttpServer}: whole requests are read on one loop
 * thread before a worker runs the handler, with read deadlines and a connection cap that evicts
 * never-served and idle connections first, so slow clients cannot lock the harness out of the
 * API it heals partitions through. The JDK's built-in server is not used: it refuses request
 * targets containing characters such as {@code >}, which the Java client sends unencoded in
 * proxy names like {@code n1->n2}; Go's server, like this one, accepts them. Errors the server
 * finds itself are answered as Go's net/http answers them ({@code 400 Bad Request} as plain
 * text), and a client too slow to send its request is disconnected without an answer, as Go does.
 */
final class HttpListener implements AutoCloseable {
  /** A parsed request; header names lower-cased; {@code path} percent-decoded, without query. */
  record Request(String method, String path, Map<String, String> headers, byte[] body) {}

  /** A response; {@code headers} in the order written. */
  record Response(int status, Map<String, String> headers, byte[] body) {}

  interface Handler {
    Response handle(Request request);
  }

  /**
   * 1,024 connections, 64 KiB heads, 16 MiB bodies, 10 s to send a head or a body, 60 s idle
   * (Go's idle timeout for the API), 16 handler threads (handlers wait for the control loop).
   */
  static final ServerLimits LIMITS = ServerLimits.defaults().withMaxBodyBytes(16 << 20).withWorkers(16);

  private static final ErrorPages GO_ERRORS = HttpListener::goError;

  private final NioHttpServer server;

  HttpListener(InetSocketAddress address, Handler handler) throws IOException {
    this(address, handler, LIMITS);
  }

  HttpListener(InetSocketAddress address, Handler handler, ServerLimits limits) throws IOException {
    this.server = NioHttpServer.start(address, limits,
        io.faultline.http.Handler.sync(request -> answer(handler, request)), GO_ERRORS, "toxiproxy-api");
  }

  InetSocketAddress address() {
    return server.address();
  }

  NioHttpServer server() {
    return server;
  }

  private static io.faultline.http.Response answer(Handler handler, io.faultline.http.Request request) {
    String path;
    try {
      path = decodePath(request.target());
    } catch (BadRequest e) {
      return goText(400, "400 Bad Request");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (Header h : request.headers()) {
      headers.put(h.name(), h.value());
    }
    Response response = handler.handle(new Request(request.method(), path, headers, request.body()));
    List<Header> out = new ArrayList<>(response.headers().size());
    response.headers().forEach((name, value) -> out.add(new Header(name, value)));
    return new io.faultline.http.Response(response.status(), out, response.body());
  }

  /**
   * What Go's net/http answers when it cannot read a request (the bodies its server writes
   * itself, all {@code text/plain; charset=utf-8} with the connection closed); nothing at all
   * when the client was too slow. Go has no body limit: past this one's, the answer is the 413
   * Go's own MaxBytesReader users give.
   */
  private static Optional<io.faultline.http.Response> goError(ClientError error) {
    return switch (error.kind()) {
      case HEAD_TIMEOUT, BODY_TIMEOUT -> Optional.empty();
      case HEAD_TOO_LARGE -> Optional.of(goText(431, "431 Request Header Fields Too Large"));
      case UNSUPPORTED_TRANSFER_ENCODING -> Optional.of(goText(501, "Unsupported transfer encoding"));
      case UNSUPPORTED_VERSION -> Optional.of(goText(505, "505 HTTP Version Not Supported: unsupported protocol version"));
      case BODY_TOO_LARGE -> Optional.of(goText(413, "413 Request Entity Too Large"));
      case HANDLER_FAILED -> Optional.of(goText(500, "500 Internal Server Error"));
      case MALFORMED -> Optional.of(goText(400, "400 Bad Request"));
    };
  }

  private static io.faultline.http.Response goText(int status, String body) {
    return io.faultline.http.Response.of(status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
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
    // The target arrives as ISO-8859-1 characters, one per byte sent.
    byte[] raw = path.getBytes(StandardCharsets.ISO_8859_1);
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

  @Override
  public void close() {
    server.close();
  }

  /** A malformed request target: answered with 400. */
  private static final class BadRequest extends RuntimeException {
    BadRequest() {
      super(null, null, false, false);
    }
  }
}
