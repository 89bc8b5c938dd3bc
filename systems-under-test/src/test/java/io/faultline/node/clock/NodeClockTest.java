package io.faultline.node.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class NodeClockTest {
  private final AtomicLong monotonic = new AtomicLong(1_000_000_000L);
  private final NodeClock clock = new NodeClock(monotonic::get);

  @Test
  void anOffsetJumpsAndARateBendsWithoutJumping() {
    long start = clock.millis();
    clock.set(5_000, 1.0);
    assertThat(clock.millis()).isEqualTo(start + 5_000);
    clock.set(5_000, 2.0);
    assertThat(clock.millis()).isEqualTo(start + 5_000);
    monotonic.addAndGet(100_000_000L); // 100 ms of real time
    assertThat(clock.millis()).isEqualTo(start + 5_200);
  }

  @Test
  void listenersRunAfterEveryChangeAndSeeTheNewTime() {
    long start = clock.millis();
    List<Long> seen = new ArrayList<>();
    clock.onChange(() -> seen.add(clock.millis() - start));
    clock.set(-2_000, 1.0);
    clock.set(0, 1.0);
    assertThat(seen).containsExactly(-2_000L, 0L);
    assertThatThrownBy(() -> clock.set(0, 0.0)).hasMessageContaining("rate must be positive");
    assertThat(seen).hasSize(2);
  }
}
