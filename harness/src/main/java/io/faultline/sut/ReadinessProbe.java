package io.faultline.sut;

import io.faultline.runtime.NodeSpec.Address;

/**
 * Whether a started node is ready for clients. Called repeatedly (every 100 ms) until it answers
 * true or start-up times out; must return within about two seconds and never throw.
 */
@FunctionalInterface
public interface ReadinessProbe {
  boolean ready(Address client);
}
