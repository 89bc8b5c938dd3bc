package io.faultline.runtime.docker;

import java.io.IOException;

/** Docker cannot be used here; the message is one sentence a user can act on. */
public final class DockerUnavailableException extends IOException {
  public DockerUnavailableException(String message) {
    super(message);
  }
}
