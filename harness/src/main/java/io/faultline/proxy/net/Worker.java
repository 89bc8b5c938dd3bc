package io.faultline.proxy.net;

import io.faultline.proxy.loop.EventLoop;
import java.nio.ByteBuffer;
import java.util.random.RandomGenerator;

/**
 * One data-plane event loop with what its connections share: its own random source (seeded from
 * the server's seed; never shared between threads) and its one read buffer.
 */
record Worker(EventLoop loop, RandomGenerator random, ByteBuffer readBuffer) {
  Worker(EventLoop loop, RandomGenerator random) {
    this(loop, random, ByteBuffer.allocateDirect(Link.READ_SIZE));
  }
}
