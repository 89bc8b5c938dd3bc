package io.faultline.api;

/**
 * Told about every run a {@link TestBuilder} starts, on the thread that called {@code run()}, after
 * the run ends and before {@code run()} returns or throws. The JUnit extension uses it to publish
 * report paths and write JUnit XML.
 */
public interface RunListener {
  void finished(TestResult result);

  /** The harness failed after {@code elapsed}: no verdict. {@code testName} is the run's name. */
  void failed(String testName, FaultlineException error, java.time.Duration elapsed);
}
