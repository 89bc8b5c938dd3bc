package io.faultline.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code faultline test --junit-xml}: a harness failure still leaves schema-valid JUnit XML with an error. */
class JunitXmlCliTest {
  @TempDir Path dir;

  @Test
  void harnessErrorIsWrittenAsAnErrorCase() throws Exception {
    Path xml = dir.resolve("reports/TEST-faultline.xml");
    String old = System.getProperty("faultline.nodeJar");
    System.setProperty("faultline.nodeJar", dir.resolve("missing-kv-node.jar").toString());
    int code;
    try {
      code = Main.execute("test", "--nodes", "1", "--time-limit", "1", "--nemesis", "none", "--seed", "1",
          "--results-dir", dir.resolve("results").toString(), "--junit-xml", xml.toString());
    } finally {
      if (old == null) {
        System.clearProperty("faultline.nodeJar");
      } else {
        System.setProperty("faultline.nodeJar", old);
      }
    }
    assertThat(code).isEqualTo(3);
    JunitXmlWriterTest.validate(xml);
    assertThat(Files.readString(xml)).contains("errors=\"1\"").contains("<error type=\"harness-error\"")
        .contains("node program not found at " + dir.resolve("missing-kv-node.jar"));
  }
}
