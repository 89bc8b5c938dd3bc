package io.faultline.http;

import java.util.function.Function;

/**
 * Answers requests. Runs on a worker thread with the whole request read; must eventually call
 * {@link Exchange#respond} exactly once, from any thread (now, or later when some work
 * completes). Until then the connection waits and has no deadline. A handler that throws before
 * answering gets a 500 rendered by the server's {@link ErrorPages}.
 */
@FunctionalInterface
public interface Handler {
  void handle(Request request, Exchange exchange);

  /** A handler that answers on the worker thread with what {@code answer} returns. */
  static Handler sync(Function<Request, Response> answer) {
    return (request, exchange) -> exchange.respond(answer.apply(request));
  }
}
