package io.faultline.run;

import io.faultline.checker.history.JsonValues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code run-state.json}: the phases a run has passed, rewritten (atomically) as each one passes.
 * A harness killed midway leaves the file at the last phase it reached, which is how {@code
 * analyze} knows the run was cut short rather than judging a partial history as if it were whole.
 */
public final class RunStateFile {
  public static final String NAME = "run-state.json";

  /** One phase passed, and when (wall clock). */
  public record Passed(RunPhase phase, Instant at) {}

  private final Path file;
  private final List<Passed> passed = new ArrayList<>();

  private RunStateFile(Path runDir) {
    this.file = runDir.resolve(NAME);
  }

  /** Starts the file of a new run in {@code runDir}, with {@link RunPhase#STARTED} passed. */
  public static RunStateFile begin(Path runDir) throws IOException {
    RunStateFile state = new RunStateFile(runDir);
    state.pass(RunPhase.STARTED);
    return state;
  }

  /** Records that {@code phase} has passed. */
  public synchronized void pass(RunPhase phase) throws IOException {
    passed.add(new Passed(phase, Instant.now()));
    List<Map<String, Object>> phases = new ArrayList<>();
    for (Passed p : passed) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("phase", p.phase().jsonName());
      entry.put("at", p.at().toString());
      phases.add(entry);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("complete", phase == RunPhase.CLUSTER_STOPPED);
    json.put("passed", phases);
    Path tmp = file.resolveSibling(NAME + ".tmp");
    Files.write(tmp, JsonValues.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * The phases a stored run passed, in order; empty when the folder has no {@code run-state.json}.
   *
   * @throws IOException naming the file and what is wrong with it
   */
  public static Optional<List<Passed>> read(Path runDir) throws IOException {
    Path file = runDir.resolve(NAME);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Object json = JsonValues.mapper().readValue(file.toFile(), Object.class);
    List<Passed> phases = new ArrayList<>();
    if (!(json instanceof Map<?, ?> m) || !(m.get("passed") instanceof List<?> list)) {
      throw new IOException(file + ": expected an object with a \"passed\" list");
    }
    for (Object o : list) {
      try {
        Map<?, ?> entry = (Map<?, ?>) o;
        phases.add(new Passed(RunPhase.fromJson((String) entry.get("phase")), Instant.parse((String) entry.get("at"))));
      } catch (RuntimeException e) {
        throw new IOException(file + ": bad entry " + o + " in \"passed\": " + e.getMessage());
      }
    }
    return Optional.of(phases);
  }
}
