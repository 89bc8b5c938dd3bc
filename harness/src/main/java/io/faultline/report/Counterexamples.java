package io.faultline.report;

import io.faultline.checker.history.Op;
import io.faultline.run.Judgement;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Writes the counterexample pictures of failing checkers beside the report; returns their file names. */
final class Counterexamples {
  private Counterexamples() {}

  static List<String> write(Path runDir, Judgement judgement, List<Op> history) throws IOException {
    // Wired to the linearizability checker's CounterexampleHtml once it lands.
    return List.of();
  }
}
