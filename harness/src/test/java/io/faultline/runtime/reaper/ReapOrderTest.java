package io.faultline.runtime.reaper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReapOrderTest {

  @Test
  void everyOrderRoundTripsThroughItsLine() {
    List<ReapOrder> orders = List.of(new ReapOrder.WatchProcess(4711, 1_764_000_000_123L),
        new ReapOrder.ForgetProcess(4711), new ReapOrder.WatchEnvironment("FAULTLINE_RUN_ID", "0b1c-2d"),
        new ReapOrder.WatchDocker("io.faultline.run", "5ae05bd4-9701"), new ReapOrder.Released());
    for (ReapOrder order : orders) {
      assertThat(order.encode()).doesNotContain("\n");
      assertThat(ReapOrder.parse(order.encode())).isEqualTo(order);
    }
  }

  @Test
  void aBadLineIsOneSentenceNamingIt() {
    assertThatThrownBy(() -> ReapOrder.parse("kill 12")).hasMessage("unknown reaper order 'kill 12'");
    assertThatThrownBy(() -> ReapOrder.parse("process 12"))
        .hasMessage("reaper order 'process 12': expected 3 fields, got 2");
    assertThatThrownBy(() -> ReapOrder.parse("forget twelve"))
        .hasMessageStartingWith("reaper order 'forget twelve': not a number");
    assertThatThrownBy(() -> new ReapOrder.WatchDocker("io.faultline.run", "a b"))
        .hasMessageContaining("label value must be a non-empty token");
  }

  @Test
  void anEnvironmentEntryMatchesOnlyWhole() {
    byte[] environ = "PATH=/bin\0FAULTLINE_RUN_ID=abc\0HOME=/root\0".getBytes();
    assertThat(ProcessReaping.holds(environ, "FAULTLINE_RUN_ID=abc".getBytes())).isTrue();
    assertThat(ProcessReaping.holds(environ, "FAULTLINE_RUN_ID=ab".getBytes())).isFalse();
    assertThat(ProcessReaping.holds(environ, "RUN_ID=abc".getBytes())).isFalse();
    assertThat(ProcessReaping.holds("X=1".getBytes(), "X=1".getBytes())).as("no trailing NUL").isTrue();
  }
}
