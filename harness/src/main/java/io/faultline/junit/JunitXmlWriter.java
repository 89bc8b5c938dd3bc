package io.faultline.junit;

import io.faultline.api.Evidence;
import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes runs as JUnit XML (the Ant/Jenkins {@code junit-10.xsd} shape CI servers read): one
 * {@code <testsuite>} per run, one {@code <testcase>} per checker. A valid checker passes; invalid
 * is a {@code <failure>} whose message names the anomaly and whose text is the evidence and report
 * path; unknown is {@code <skipped message="reason">}; a harness error is one {@code <error>} case.
 */
public final class JunitXmlWriter {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private JunitXmlWriter() {}

  /** Writes {@code runs} to {@code file} (parents created), stamped with {@code now}. */
  public static void write(Path file, List<JunitRun> runs, Instant now) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
      x.writeStartDocument("UTF-8", "1.0");
      x.writeCharacters("\n");
      x.writeStartElement("testsuites");
      for (JunitRun run : runs) {
        suite(x, run, now);
      }
      x.writeEndElement();
      x.writeCharacters("\n");
      x.writeEndDocument();
      x.close();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write JUnit XML " + file + ": " + e.getMessage(), e);
    }
  }

  private static void suite(XMLStreamWriter x, JunitRun run, Instant now) throws XMLStreamException {
    String classname = "faultline." + run.name();
    // Java 17 has no pattern switch: the sealed interface's two cases, by instanceof.
    if (run instanceof JunitRun.Checked c) {
      Map<String, CheckResult> checkers = c.result().checkers();
      long failures = checkers.values().stream().filter(r -> r.verdict() == Verdict.INVALID).count();
      long skipped = checkers.values().stream().filter(r -> r.verdict() == Verdict.UNKNOWN).count();
      String seconds = seconds(c.result().elapsed().toMillis());
      startSuite(x, run.name(), checkers.size(), failures, 0, skipped, seconds, now);
      x.writeStartElement("properties");
      property(x, "run-dir", c.result().runDir().toString());
      property(x, "report", c.result().report().toString());
      property(x, "command", c.result().command());
      x.writeEndElement();
      for (Map.Entry<String, CheckResult> e : checkers.entrySet()) {
        checkerCase(x, classname, e.getKey(), e.getValue(), c);
      }
    } else if (run instanceof JunitRun.HarnessError h) {
      startSuite(x, run.name(), 1, 0, 1, 0, seconds(h.elapsed().toMillis()), now);
      x.writeStartElement("testcase");
      x.writeAttribute("name", "harness");
      x.writeAttribute("classname", classname);
      x.writeAttribute("time", seconds(h.elapsed().toMillis()));
      x.writeStartElement("error");
      x.writeAttribute("type", "harness-error");
      x.writeAttribute("message", h.message());
      x.writeCharacters(h.message());
      x.writeEndElement();
      x.writeEndElement();
    }
    x.writeEndElement();
  }

  private static void checkerCase(XMLStreamWriter x, String classname, String checker, CheckResult r,
      JunitRun.Checked run) throws XMLStreamException {
    x.writeStartElement("testcase");
    x.writeAttribute("name", checker);
    x.writeAttribute("classname", classname);
    x.writeAttribute("time", "0");
    switch (r.verdict()) {
      case VALID -> { }
      case INVALID -> {
        List<String> anomalies = Evidence.anomalies(r);
        String evidence = Evidence.describe(r);
        String firstLine = evidence.lines().findFirst().orElse("");
        x.writeStartElement("failure");
        x.writeAttribute("type", anomalies.isEmpty() ? "invalid" : String.join(",", anomalies));
        x.writeAttribute("message", checker + " found " + (anomalies.isEmpty() ? "an anomaly" : String.join(", ", anomalies))
            + (firstLine.isEmpty() ? "" : ": " + firstLine));
        x.writeCharacters(evidence + "\nreport: " + run.result().report() + "\nrepeat: " + run.result().command());
        x.writeEndElement();
      }
      case UNKNOWN -> {
        x.writeStartElement("skipped");
        x.writeAttribute("message", checker + " could not decide: " + unknownReason(r));
        x.writeEndElement();
      }
    }
    x.writeEndElement();
  }

  private static String unknownReason(CheckResult r) {
    for (String key : List.of("error", "incomplete", "reason", "unknown-reason")) {
      Object v = r.details().get(key);
      if (v != null) {
        return String.valueOf(v);
      }
    }
    String evidence = Evidence.describe(r);
    return evidence.isEmpty() ? "no reason given" : evidence.lines().findFirst().orElse("");
  }

  private static void startSuite(XMLStreamWriter x, String name, long tests, long failures, long errors, long skipped,
      String time, Instant now) throws XMLStreamException {
    x.writeStartElement("testsuite");
    x.writeAttribute("name", name);
    x.writeAttribute("tests", Long.toString(tests));
    x.writeAttribute("failures", Long.toString(failures));
    x.writeAttribute("errors", Long.toString(errors));
    x.writeAttribute("skipped", Long.toString(skipped));
    x.writeAttribute("time", time);
    x.writeAttribute("timestamp", TIMESTAMP.format(now));
  }

  private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
    x.writeEmptyElement("property");
    x.writeAttribute("name", name);
    x.writeAttribute("value", value);
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
  }
}
