package io.faultline.examples.etcd;

import static io.faultline.api.FaultlineAssertions.assertThat;

import io.faultline.api.TestBuilder;
import io.faultline.api.TestResult;
import io.faultline.checker.history.JsonlHistoryReader;
import io.faultline.checker.history.Op;
import io.faultline.junit.FaultlineTest;
import java.time.Duration;
import java.util.List;

/**
 * etcd promises linearizable reads and writes: a 3-node etcd cluster, peer traffic through the
 * harness's link proxies, under partitions, with the cas-register workload, must be valid.
 */
class EtcdIT {

  @FaultlineTest
  void etcdIsLinearizableUnderPartitions(TestBuilder faultline) throws Exception {
    try (EtcdCluster etcd = EtcdCluster.using(EtcdCluster.findEtcd(), "faultline-it-" + ProcessHandle.current().pid())) {
      TestResult result = faultline.system(etcd.system()).nodes(3).workload("cas-register").nemesis("partition")
          .nemesisInterval(Duration.ofSeconds(4)).timeLimit(Duration.ofSeconds(20)).rate(50).seed(7)
          .requestTimeout(Duration.ofSeconds(2)).recovery(Duration.ofSeconds(3)).run();
      assertThat(result).isValid().hasCheckerResult("linearizable", true);
      // The partitions reached etcd: a member cut off from both others had operations time out.
      List<Op> history = JsonlHistoryReader.read(result.runDir().resolve("history.jsonl")).ops();
      org.assertj.core.api.Assertions.assertThat(IsolatedTimeouts.count(history)).isPositive();
    }
  }

  /** Positive control: possibly stale serializable reads are caught, so the partitions do reach etcd. */
  @FaultlineTest
  void serializableReadsAreCaughtUnderPartitions(TestBuilder faultline) {
    try (EtcdCluster etcd = EtcdCluster.using(EtcdCluster.findEtcd(), "faultline-it-stale-" + ProcessHandle.current().pid())
        .serializableReads()) {
      TestResult result = faultline.system(etcd.system()).nodes(3).workload("cas-register").nemesis("partition")
          .nemesisInterval(Duration.ofSeconds(5)).timeLimit(Duration.ofSeconds(25)).rate(100).seed(7)
          .requestTimeout(Duration.ofSeconds(2)).recovery(Duration.ofSeconds(3)).run();
      assertThat(result).isInvalid().hasAnomaly("nonlinearizable");
    }
  }
}
