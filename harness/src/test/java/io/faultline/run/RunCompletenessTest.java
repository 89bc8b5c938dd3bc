package io.faultline.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCompletenessTest {
  @TempDir Path run;

  @Test
  void aRunThatPassedEveryPhaseIsComplete() throws Exception {
    RunStateFile state = RunStateFile.begin(run);
    for (RunPhase p : List.of(RunPhase.NODES_UP, RunPhase.MAIN_PHASE_DONE, RunPhase.HEALED,
        RunPhase.FINAL_READS_DONE, RunPhase.CLUSTER_STOPPED)) {
      state.pass(p);
    }
    CheckResult r = RunCompleteness.check(run);
    assertThat(r.verdict()).isEqualTo(Verdict.VALID);
    assertThat(Files.readString(run.resolve(RunStateFile.NAME))).contains("\"complete\" : true");
  }

  @Test
  void aRunCutShortInTheMainPhaseIsUnknownAndSaysWhatWasNeverReached() throws Exception {
    RunStateFile state = RunStateFile.begin(run);
    state.pass(RunPhase.NODES_UP); // then the harness was killed
    CheckResult r = RunCompleteness.check(run);
    assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat((String) r.details().get("reason")).startsWith("the run did not finish: the last thing recorded is "
        + "that every node came up").contains("never recorded: the main phase ended, every fault was healed, "
        + "the final reads were made, the cluster was stopped");
    assertThat(Files.readString(run.resolve(RunStateFile.NAME))).contains("\"complete\" : false");
  }

  @Test
  void aFolderWithoutItsRunStateCannotBeCalledComplete() {
    CheckResult r = RunCompleteness.check(run);
    assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat((String) r.details().get("reason")).contains("run-state.json is missing");
  }

  @Test
  void aDamagedRunStateIsNamedAndUnknown() throws Exception {
    Files.writeString(run.resolve(RunStateFile.NAME), "{\"passed\": [{\"phase\": \"warp-drive\", \"at\": \"x\"}]}");
    CheckResult r = RunCompleteness.check(run);
    assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat((String) r.details().get("reason")).contains(RunStateFile.NAME).contains("unknown phase 'warp-drive'");
  }
}
