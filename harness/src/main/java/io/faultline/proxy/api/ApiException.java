package io.faultline.proxy.api;

/** An API error with the real server's status and message, e.g. 404 {@code proxy not found}. */
public final class ApiException extends RuntimeException {
  private final int status;

  public ApiException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }

  static ApiException badBody(String detail) {
    return new ApiException(400, "bad request body: " + detail);
  }

  static ApiException proxyNotFound() {
    return new ApiException(404, "proxy not found");
  }

  static ApiException toxicNotFound() {
    return new ApiException(404, "toxic not found");
  }
}
