package io.faultline.node.http;

/** The client sent something we cannot act on; becomes an HTTP error with a JSON body. */
final class BadRequestException extends Exception {
  private final int status;

  BadRequestException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  BadRequestException(String message) {
    this(400, message);
  }

  int status() {
    return status;
  }
}
