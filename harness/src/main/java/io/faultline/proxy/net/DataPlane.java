package io.faultline.proxy.net;

import io.faultline.proxy.loop.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The event loops of one server. The first ({@link #control()}) owns the registry, every proxy and
 * its listener; accepted connections are spread round-robin over all loops (the control loop
 * included), each connection living on one loop for its whole life.
 */
public final class DataPlane {
  private final List<Worker> workers = new ArrayList<>();
  private int next;

  /** {@code loops.get(0)} is the control loop; randomness for each loop is split from {@code random}. */
  public DataPlane(List<EventLoop> loops, SplittableRandom random) {
    for (EventLoop loop : loops) {
      workers.add(new Worker(loop, random.split()));
    }
  }

  public EventLoop control() {
    return workers.get(0).loop();
  }

  /** Control loop only. */
  Worker nextWorker() {
    Worker worker = workers.get(next);
    next = (next + 1) % workers.size();
    return worker;
  }

  public List<EventLoop> loops() {
    return workers.stream().map(Worker::loop).toList();
  }
}
