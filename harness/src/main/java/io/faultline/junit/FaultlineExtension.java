package io.faultline.junit;

import io.faultline.api.Faultline;
import io.faultline.api.FaultlineException;
import io.faultline.api.RunListener;
import io.faultline.api.TestBuilder;
import io.faultline.api.TestResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: a test method may take a {@link TestBuilder} parameter, already set to store
 * its runs under {@code <dir>/<TestClass>/<method>/} where {@code <dir>} is {@code
 * -Dfaultline.junit.dir} or {@code target/faultline}. Each run's report path is published to the
 * test's output as report entry {@code faultline.report} (Surefire writes it into its XML), and after
 * the test every run it made is written as JUnit XML to {@code <dir>/junit/TEST-<TestClass>.<method>.xml}.
 */
public final class FaultlineExtension implements ParameterResolver, AfterEachCallback {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(FaultlineExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestBuilder.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Runs runs = runs(context);
    return Faultline.test()
        .resultsDir(baseDir().resolve(testId(context).replace('.', '/')))
        .listener(new RunListener() {
          @Override
          public void finished(TestResult result) {
            runs.list.add(new JunitRun.Checked(result));
            context.publishReportEntry(Map.of("faultline.report", result.report().toString(),
                "faultline.verdict", result.verdict().name()));
          }

          @Override
          public void failed(String testName, FaultlineException error, Duration elapsed) {
            runs.list.add(new JunitRun.HarnessError(testName, error.getMessage(), elapsed));
            context.publishReportEntry("faultline.error", error.getMessage());
          }
        });
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Runs runs = context.getStore(NS).get(Runs.class, Runs.class);
    if (runs == null || runs.list.isEmpty()) {
      return;
    }
    Path file = junitXmlFile(context);
    try {
      JunitXmlWriter.write(file, runs.list, Instant.now());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    context.publishReportEntry("faultline.junit-xml", file.toString());
  }

  /** Where the JUnit XML of this test's runs goes. */
  static Path junitXmlFile(ExtensionContext context) {
    return baseDir().resolve("junit").resolve("TEST-" + testId(context) + ".xml");
  }

  static Path baseDir() {
    String dir = System.getProperty("faultline.junit.dir");
    return Path.of(dir == null || dir.isBlank() ? "target/faultline" : dir).toAbsolutePath().normalize();
  }

  private static String testId(ExtensionContext context) {
    return context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
  }

  private static Runs runs(ExtensionContext context) {
    return context.getStore(NS).getOrComputeIfAbsent(Runs.class, k -> new Runs(), Runs.class);
  }

  /** The runs one test method made, in order. */
  private static final class Runs {
    final List<JunitRun> list = new ArrayList<>();
  }
}
