package io.faultline.run;

import java.util.Locale;

/** The milestones of a run, in order; {@link RunStateFile} records each one as it passes. */
public enum RunPhase {
  /** The run folder and test.json exist. */
  STARTED("the run started"),
  /** Every node answered; the history begins. */
  NODES_UP("every node came up"),
  /** The time limit passed and the nemesis stopped. */
  MAIN_PHASE_DONE("the main phase ended"),
  /** Every fault was healed. */
  HEALED("every fault was healed"),
  /** The final reads were made. */
  FINAL_READS_DONE("the final reads were made"),
  /** Every node and proxy was stopped; the history and node logs are complete. */
  CLUSTER_STOPPED("the cluster was stopped");

  private final String description;

  RunPhase(String description) {
    this.description = description;
  }

  /** What it means that this phase passed, in words for the report. */
  public String description() {
    return description;
  }

  /** The name in run-state.json: {@code main-phase-done}. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static RunPhase fromJson(String name) {
    for (RunPhase p : values()) {
      if (p.jsonName().equals(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown phase '" + name + "'");
  }
}
