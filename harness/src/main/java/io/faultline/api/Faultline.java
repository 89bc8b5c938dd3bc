package io.faultline.api;

/**
 * Entry point of the Java API: {@code Faultline.test().system("raft").nodes(3).workload("cas-register")
 * .nemesis("partition").timeLimit(Duration.ofSeconds(10)).seed(42).run()}. The run goes through the
 * same {@link io.faultline.run.TestRunner} as {@code faultline test}, and is stored the same way.
 */
public final class Faultline {
  private Faultline() {}

  /** A new test with the CLI's defaults (raft, 5 local nodes, cas-register, partition+clock, 60 s). */
  public static TestBuilder test() {
    return new TestBuilder();
  }
}
