package io.faultline.api;

import io.faultline.checker.history.Op;
import io.faultline.checker.history.PorcupineEtcdReader;
import io.faultline.run.CheckRun;
import io.faultline.run.Judgement;
import io.faultline.workload.Workloads;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Real checker results for the API tests: the cas-register workload's checkers over recorded histories. */
public final class SharedHistories {
  private SharedHistories() {}

  /** Porcupine's Jepsen etcd histories: etcd_000 is invalid, etcd_002 valid (MANIFEST.tsv). */
  public static TestResult etcd(String file, Path runDir) throws Exception {
    Path shared = Path.of(System.getProperty("faultline.shared", "../../shared")).toAbsolutePath();
    List<Op> ops = PorcupineEtcdReader.read(shared.resolve("data/histories/porcupine/jepsen").resolve(file)).ops();
    Judgement j = CheckRun.judge(Workloads.byName("cas-register").orElseThrow().checkers(), ops);
    return new TestResult("etcd-" + file, j.verdict(), j.results(), runDir,
        "./faultline check --model etcd --format porcupine-etcd " + file, Duration.ofSeconds(1));
  }
}
