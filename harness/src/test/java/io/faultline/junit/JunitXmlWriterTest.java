package io.faultline.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.api.SharedHistories;
import io.faultline.api.TestResult;
import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** JUnit XML: valid against junit-10.xsd; valid, invalid, unknown and harness error each map as CI expects. */
class JunitXmlWriterTest {
  private static final Instant NOW = Instant.parse("2026-11-27T18:00:00Z");
  @TempDir Path dir;

  @Test
  void everyOutcomeMapsToItsJunitElementAndTheFileIsSchemaValid() throws Exception {
    TestResult valid = SharedHistories.etcd("etcd_002.log", dir.resolve("valid"));
    TestResult invalid = SharedHistories.etcd("etcd_000.log", dir.resolve("invalid"));
    Map<String, CheckResult> undecided = new LinkedHashMap<>(valid.checkers());
    undecided.put("linearizable", new CheckResult(Verdict.UNKNOWN, Map.of("error", "OutOfMemoryError: budget <3 & \"x\"")));
    TestResult unknown = new TestResult("undecided", Verdict.UNKNOWN, undecided, dir.resolve("u"), "cmd",
        Duration.ofMillis(1500));
    Path file = dir.resolve("out/TEST-faultline.xml");

    JunitXmlWriter.write(file, List.of(new JunitRun.Checked(valid), new JunitRun.Checked(invalid),
        new JunitRun.Checked(unknown), new JunitRun.HarnessError("raft-x", "node n1 exited during start-up: <boom>",
            Duration.ofSeconds(2))), NOW);

    validate(file);
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    NodeList suites = doc.getElementsByTagName("testsuite");
    assertThat(suites.getLength()).isEqualTo(4);

    Element validSuite = (Element) suites.item(0);
    assertThat(validSuite.getAttribute("failures")).isEqualTo("0");
    assertThat(validSuite.getElementsByTagName("testcase").getLength()).isEqualTo(valid.checkers().size());
    assertThat(validSuite.getElementsByTagName("failure").getLength()).isZero();

    Element invalidSuite = (Element) suites.item(1);
    assertThat(invalidSuite.getAttribute("failures")).isEqualTo("1");
    Element failure = (Element) invalidSuite.getElementsByTagName("failure").item(0);
    assertThat(((Element) failure.getParentNode()).getAttribute("name")).isEqualTo("linearizable");
    assertThat(failure.getAttribute("message")).startsWith("linearizable found nonlinearizable: no operation could be");
    assertThat(failure.getTextContent()).contains("first unlinearisable operation")
        .contains("report: " + dir.resolve("invalid/index.html"));

    Element unknownSuite = (Element) suites.item(2);
    assertThat(unknownSuite.getAttribute("skipped")).isEqualTo("1");
    Element skipped = (Element) unknownSuite.getElementsByTagName("skipped").item(0);
    assertThat(skipped.getAttribute("message"))
        .isEqualTo("linearizable could not decide: OutOfMemoryError: budget <3 & \"x\"");
    assertThat(unknownSuite.getAttribute("time")).isEqualTo("1.500");

    Element errorSuite = (Element) suites.item(3);
    assertThat(errorSuite.getAttribute("errors")).isEqualTo("1");
    Element error = (Element) errorSuite.getElementsByTagName("error").item(0);
    assertThat(error.getAttribute("message")).isEqualTo("node n1 exited during start-up: <boom>");
    assertThat(errorSuite.getAttribute("timestamp")).isEqualTo("2026-11-27T18:00:00");
  }

  @Test
  void schemaRejectsWhatCiWouldReject() throws Exception {
    // The schema itself must be able to fail: a testcase without a name is not JUnit XML.
    Path bad = dir.resolve("bad.xml");
    Files.writeString(bad, "<testsuites><testsuite name=\"s\" tests=\"1\"><testcase/></testsuite></testsuites>");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> validate(bad))
        .hasMessageContaining("name");
  }

  static void validate(Path file) throws IOException, org.xml.sax.SAXException {
    var schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
        .newSchema(JunitXmlWriterTest.class.getResource("junit-10.xsd"));
    schema.newValidator().validate(new StreamSource(file.toFile()));
  }
}
