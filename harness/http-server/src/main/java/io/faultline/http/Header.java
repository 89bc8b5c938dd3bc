package io.faultline.http;

/** One header field. Request headers carry lower-cased names; response headers are sent as given. */
public record Header(String name, String value) {
  public Header {
    if (name == null || name.isEmpty() || value == null) {
      throw new IllegalArgumentException("a header needs a name and a value");
    }
  }
}
