package io.faultline.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.api.Faultline;
import io.faultline.checker.Verdict;
import io.faultline.checker.history.JsonlHistoryReader;
import io.faultline.checker.history.Op;
import io.faultline.net.ToxiproxyNet;
import io.faultline.run.ClusterLauncher;
import io.faultline.run.EmbeddedToxiproxy;
import io.faultline.run.RunOutcome;
import io.faultline.run.TestConfig;
import io.faultline.run.TestRunner;
import io.faultline.runtime.ClusterRuntime;
import io.faultline.runtime.Liveness;
import io.faultline.runtime.NodeSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The end of a run meets a fault in progress, forced rather than hoped for: real Raft nodes, the
 * real runner, and a runtime whose kill holds back until the main phase is over (or until an
 * interrupt tells it the run is ending). The kill must then complete, be healed by a restart that
 * really starts the node again, and the run must be valid with no node reported as crashed. Before
 * the fix the stop interrupted the kill's wait, the kill threw with the process not yet reaped,
 * the restart saw it "alive" and did nothing, and the watcher reported "n? exited on its own".
 */
class EndOfRunRacesIT {
  private static final long TIME_LIMIT_MILLIS = 3_000;
  /** How long after the time limit a held-back kill goes ahead; the main phase is over by then. */
  private static final long AFTER_LIMIT_MILLIS = 4_000;
  /** The first kill comes one interval into the main phase. */
  private static final long INTERVAL_MILLIS = 1_000;

  @Test
  void aKillThatLandsAtTheTimeLimitCompletesAndIsHealedWithoutAFalseCrash() throws Exception {
    TestConfig config = Faultline.test().system("raft").nodes(3).nemesis("kill")
        .nemesisInterval(Duration.ofMillis(INTERVAL_MILLIS)).timeLimit(Duration.ofMillis(TIME_LIMIT_MILLIS)).rate(50)
        .recovery(Duration.ofSeconds(2)).seed(11).resultsDir(ItSupport.resultsDir("end-of-run"))
        .nodeJar(ItSupport.nodeJar()).config();
    ClusterLauncher local = ClusterLauncher.local(EmbeddedToxiproxy::start);
    ClusterLauncher holdingKills = (ids, system, cfg, nodesDir) -> {
      ClusterLauncher.Launched launched = local.launch(ids, system, cfg, nodesDir);
      return new ClusterLauncher.Launched() {
        final ClusterRuntime runtime = new KillHeldBack(launched.runtime());

        public ClusterRuntime runtime() {
          return runtime;
        }

        public ToxiproxyNet net() {
          return launched.net();
        }

        public void close() {
          launched.close();
        }
      };
    };
    RunOutcome outcome = new TestRunner(holdingKills, System.out).run(config);

    List<Op> history = JsonlHistoryReader.read(outcome.runDir().resolve("history.jsonl")).ops();
    int kill = indexOf(history, "kill");
    int healAll = indexOf(history, "heal-all");
    int lastMainPhaseClientOp = -1;
    for (Op op : history.subList(0, healAll)) {
      if (!op.isNemesis()) {
        lastMainPhaseClientOp = history.indexOf(op);
      }
    }
    assertThat(kill).as("the kill landed after the main phase's last operation").isGreaterThan(lastMainPhaseClientOp);
    assertThat(history.get(kill).value().toString()).doesNotContain("errors");
    assertThat(history).noneMatch(op -> op.isNemesis() && op.f().equals("node-crashed"));
    assertThat(outcome.judgement().verdict()).as(outcome.runDir().toString()).isEqualTo(Verdict.VALID);
  }

  private static int indexOf(List<Op> history, String f) {
    for (int i = 0; i < history.size(); i++) {
      if (history.get(i).isNemesis() && history.get(i).f().equals(f)) {
        return i;
      }
    }
    throw new AssertionError("no " + f + " in the history");
  }

  /**
   * Delegates everything; a kill first waits until {@link #AFTER_LIMIT_MILLIS} past the time limit
   * (the first kill comes one interval into the main phase), or until interrupted.
   */
  private static final class KillHeldBack implements ClusterRuntime {
    private final ClusterRuntime delegate;

    KillHeldBack(ClusterRuntime delegate) {
      this.delegate = delegate;
    }

    @Override
    public void killTogether(List<String> nodes) throws IOException {
      try {
        new CountDownLatch(1).await(TIME_LIMIT_MILLIS - INTERVAL_MILLIS + AFTER_LIMIT_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // the old end of a run: go ahead, with the flag set
      }
      delegate.killTogether(nodes);
    }

    @Override
    public void kill(String node) throws IOException {
      killTogether(List.of(node));
    }

    public void start(NodeSpec spec) throws IOException {
      delegate.start(spec);
    }

    public void stop(String node) throws IOException {
      delegate.stop(node);
    }

    public void pause(String node) throws IOException {
      delegate.pause(node);
    }

    public void resume(String node) throws IOException {
      delegate.resume(node);
    }

    public void restart(String node) throws IOException {
      delegate.restart(node);
    }

    public Liveness liveness(String node) {
      return delegate.liveness(node);
    }

    public List<String> nodes() {
      return delegate.nodes();
    }

    public NodeSpec spec(String node) {
      return delegate.spec(node);
    }

    public void close() {
      delegate.close();
    }
  }
}
