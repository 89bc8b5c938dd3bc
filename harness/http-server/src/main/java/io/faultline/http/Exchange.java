package io.faultline.http;

import java.util.concurrent.atomic.AtomicBoolean;

/** One request's way back to its client. */
public final class Exchange {
  private final Connection connection;
  private final Request request;
  private final AtomicBoolean answered = new AtomicBoolean();

  Exchange(Connection connection, Request request) {
    this.connection = connection;
    this.request = request;
  }

  public Request request() {
    return request;
  }

  /**
   * Sends {@code response}; callable from any thread, never blocks (what the socket cannot take
   * now is written when it can). Does nothing if the client has gone.
   *
   * @throws IllegalStateException when this exchange was already answered
   */
  public void respond(Response response) {
    if (!answered.compareAndSet(false, true)) {
      throw new IllegalStateException("already answered: " + request.method() + " " + request.target());
    }
    connection.respond(this, response);
  }

  boolean answered() {
    return answered.get();
  }
}
