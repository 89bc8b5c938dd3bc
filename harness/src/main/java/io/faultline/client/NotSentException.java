package io.faultline.client;

import java.io.IOException;

/**
 * The request was certainly not sent: the connection to the node could not be opened (refused or
 * not answered), so no byte of the request left this process. Unlike any failure after sending, the
 * operation definitely did not happen.
 */
public final class NotSentException extends IOException {
  public NotSentException(String message, Throwable cause) {
    super(message, cause);
  }
}
