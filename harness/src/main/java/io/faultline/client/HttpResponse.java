package io.faultline.client;

import java.nio.charset.StandardCharsets;

/** Status and body of one HTTP response. */
public record HttpResponse(int status, byte[] body) {
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
