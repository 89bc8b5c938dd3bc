package io.faultline.run;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a stored run finished, from its {@code run-state.json}. A run cut short (the harness
 * killed, the machine rebooted) has a history that simply stops: no heal, no final reads, maybe a
 * partition never lifted. Judged as if whole it can look valid while proving nothing about the
 * faults the run meant to inject, so it is {@link Verdict#UNKNOWN} with what is missing — unless
 * another checker finds an anomaly in what was recorded, which stands (invalid beats unknown).
 */
public final class RunCompleteness {
  public static final String NAME = "run-complete";

  private RunCompleteness() {}

  public static CheckResult check(Path runDir) {
    Map<String, Object> details = new LinkedHashMap<>();
    Optional<List<RunStateFile.Passed>> state;
    try {
      state = RunStateFile.read(runDir);
    } catch (IOException e) {
      details.put("reason", "cannot tell whether the run finished: " + e.getMessage());
      return new CheckResult(Verdict.UNKNOWN, details);
    }
    if (state.isEmpty()) {
      details.put("reason", "cannot tell whether the run finished: " + RunStateFile.NAME
          + " is missing (a run recorded by a Faultline without it, or a folder copied without it)");
      return new CheckResult(Verdict.UNKNOWN, details);
    }
    Set<RunPhase> passed = EnumSet.noneOf(RunPhase.class);
    state.get().forEach(p -> passed.add(p.phase()));
    List<String> missing = new ArrayList<>();
    for (RunPhase phase : RunPhase.values()) {
      if (!passed.contains(phase)) {
        missing.add(phase.description());
      }
    }
    details.put("passed", state.get().stream().map(p -> p.phase().jsonName()).toList());
    if (missing.isEmpty()) {
      return new CheckResult(Verdict.VALID, details);
    }
    RunStateFile.Passed last = state.get().get(state.get().size() - 1);
    details.put("missing", missing);
    details.put("reason", "the run did not finish: the last thing recorded is that " + last.phase().description()
        + " (" + last.at() + "); never recorded: " + String.join(", ", missing)
        + ". The history is partial and proves nothing about what was not reached.");
    return new CheckResult(Verdict.UNKNOWN, details);
  }
}
