package io.faultline.generator;

import java.util.random.RandomGenerator;

/** Makes one invocation from a random stream; the leaf of every generator tree. */
@FunctionalInterface
public interface OpSource {
  Invocation make(RandomGenerator random);
}
