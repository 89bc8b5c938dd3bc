package io.faultline.generator;

/**
 * One operation a client process is asked to perform: {@code f} with an optional independent
 * {@code key} and a JSON-shaped {@code value} (read → null, write → v, cas → [expected, new],
 * txn → list of micro-ops), exactly as it will be written to the history's invoke event.
 */
public record Invocation(String f, Object key, Object value) {
  public Invocation withKey(Object newKey) {
    return new Invocation(f, newKey, value);
  }
}
