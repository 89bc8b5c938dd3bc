package io.faultline.proxy.net;

import io.faultline.proxy.loop.EventLoop;
import java.nio.ByteBuffer;
import java.util.random.RandomGenerator;

/**
 * What every proxy of one server shares: the event loop, the random source for toxicity and
 * jitter (seeded by whoever starts the server), and the loop's one read buffer.
 */
public final class DataPlane {
  private final EventLoop loop;
  private final RandomGenerator random;
  private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(Link.READ_SIZE);

  public DataPlane(EventLoop loop, RandomGenerator random) {
    this.loop = loop;
    this.random = random;
  }

  public EventLoop loop() {
    return loop;
  }

  RandomGenerator random() {
    return random;
  }

  ByteBuffer readBuffer() {
    return readBuffer;
  }
}
