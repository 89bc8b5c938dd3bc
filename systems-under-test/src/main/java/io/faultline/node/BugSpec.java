package io.faultline.node;

/**
 * A deliberate, named defect a protocol can switch on with {@code --bug NAME}. Bugs are positive
 * controls: the harness must catch each one. Each protocol declares its own list in
 * {@link Protocols}; {@code --help} prints them.
 */
public record BugSpec(String name, String description) {
  public BugSpec {
    if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
      throw new IllegalArgumentException("bug name must be lower-case kebab-case: " + name);
    }
  }
}
