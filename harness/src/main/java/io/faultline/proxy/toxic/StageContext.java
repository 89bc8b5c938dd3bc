package io.faultline.proxy.toxic;

import io.faultline.proxy.loop.Scheduler;
import java.util.random.RandomGenerator;

/**
 * What a toxic stage may use from the link it sits in. Implementations run everything on one thread
 * and stop running scheduled tasks once the connection is closed.
 */
public interface StageContext extends Scheduler {
  RandomGenerator random();

  /** Bytes that leave the pipeline without being written (dropped by a toxic). */
  void discard(Chunk chunk);
}
