package io.faultline.http;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** How a server words its own errors; empty = close the connection without answering. */
@FunctionalInterface
public interface ErrorPages {
  Optional<Response> render(ClientError error);

  /** {@code text/plain} with the message and a newline; timeouts answered 408 too. */
  static ErrorPages plainText() {
    return error -> Optional.of(Response.of(error.status(), "text/plain; charset=utf-8",
        (error.message() + "\n").getBytes(StandardCharsets.UTF_8)));
  }
}
