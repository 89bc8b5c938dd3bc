package io.faultline.client;

import io.faultline.generator.Invocation;

/**
 * Performs operations for one client process against one node. Never throws for anything the
 * network or the node did: every outcome is a {@link Completion}. Used by one thread at a time.
 */
public interface OpClient extends AutoCloseable {

  Completion invoke(Invocation invocation);

  @Override
  void close();
}
