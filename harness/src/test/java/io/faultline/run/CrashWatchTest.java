package io.faultline.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.runtime.ClusterRuntime;
import io.faultline.runtime.Liveness;
import io.faultline.runtime.NodeSpec;
import io.faultline.runtime.WatchedRuntime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class CrashWatchTest {

  /**
   * The run ends while a poll is asking the runtime about a node (forced: the status call blocks
   * until close() has been called). Closing must wait for that call and never interrupt it: a
   * Docker status call made with the interrupt flag set fails, and was once read as a dead node.
   */
  @Test
  void closingDuringAPollLetsItFinishWithoutAnInterrupt() throws Exception {
    CountDownLatch inCall = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean sawInterrupt = new AtomicBoolean();
    List<String> crashes = Collections.synchronizedList(new ArrayList<>());
    ClusterRuntime runtime = new ClusterRuntime() {
      public void start(NodeSpec spec) {}

      public void kill(String node) {}

      public void stop(String node) {}

      public void pause(String node) {}

      public void resume(String node) {}

      public void restart(String node) {}

      public Liveness liveness(String node) {
        inCall.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          sawInterrupt.set(true);
          return Liveness.UNKNOWN;
        }
        if (Thread.currentThread().isInterrupted()) {
          sawInterrupt.set(true);
        }
        return Liveness.RUNNING;
      }

      public List<String> nodes() {
        return List.of("n1");
      }

      public NodeSpec spec(String node) {
        return null;
      }

      public void close() {}
    };
    CrashWatch watch = CrashWatch.start(new WatchedRuntime(runtime, crashes::add), 10);
    assertThat(inCall.await(10, TimeUnit.SECONDS)).isTrue();
    Thread closer = new Thread(() -> {
      try {
        watch.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    closer.start();
    closer.join(200);
    assertThat(closer.isAlive()).as("close waits for the poll in progress").isTrue();
    release.countDown();
    closer.join(10_000);
    assertThat(closer.isAlive()).isFalse();
    assertThat(sawInterrupt).isFalse();
    assertThat(crashes).isEmpty();
  }
}
