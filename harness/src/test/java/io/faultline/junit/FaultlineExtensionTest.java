package io.faultline.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.faultline.api.FaultlineException;
import io.faultline.api.TestBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs a {@link FaultlineTest} class on the JUnit Platform and checks what the extension did: it
 * injected a builder storing runs under the configured folder, published the run's outcome as a
 * report entry, and wrote JUnit XML for the test. The run fails fast (no node program) so this
 * stays a unit test; {@code FaultlineApiIT} covers runs that reach a verdict.
 */
class FaultlineExtensionTest {
  @TempDir Path dir;

  /** Not run by Surefire itself (nested classes are excluded); launched below. */
  static class Sample {
    static Path seenResultsRoot;

    @FaultlineTest
    void runsWithoutANodeProgram(TestBuilder faultline) {
      seenResultsRoot = faultline.config().resultsRoot();
      faultline.nodes(1).nemesis("none").nodeJar(Path.of("/nonexistent/kv-node.jar")).run();
    }
  }

  @Test
  void publishesTheOutcomeAndWritesJunitXml() throws Exception {
    List<ReportEntry> entries = new CopyOnWriteArrayList<>();
    List<TestExecutionResult> results = new CopyOnWriteArrayList<>();
    String old = System.getProperty("faultline.junit.dir");
    System.setProperty("faultline.junit.dir", dir.toString());
    try {
      LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(Sample.class))
          .build(), new TestExecutionListener() {
            @Override
            public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
              entries.add(entry);
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
              if (id.isTest()) {
                results.add(result);
              }
            }
          });
    } finally {
      if (old == null) {
        System.clearProperty("faultline.junit.dir");
      } else {
        System.setProperty("faultline.junit.dir", old);
      }
    }

    assertThat(results).singleElement().satisfies(r -> {
      assertThat(r.getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
      assertThat(r.getThrowable()).get().isInstanceOf(FaultlineException.class);
    });
    assertThat(Sample.seenResultsRoot).isEqualTo(dir.resolve("Sample/runsWithoutANodeProgram")
        .toAbsolutePath());
    Map<String, String> published = new java.util.HashMap<>();
    entries.forEach(e -> published.putAll(e.getKeyValuePairs()));
    assertThat(published.get("faultline.error")).startsWith("node program not found at /nonexistent/kv-node.jar");
    Path xml = dir.resolve("junit/TEST-Sample.runsWithoutANodeProgram.xml");
    assertThat(published.get("faultline.junit-xml")).isEqualTo(xml.toString());
    JunitXmlWriterTest.validate(xml);
    assertThat(Files.readString(xml)).contains("<error type=\"harness-error\"");
  }
}
