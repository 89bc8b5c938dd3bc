package io.faultline.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image recipes and their content-hash tags (no Docker needed). */
class LocalImagesTest {

  @Test
  void scratchRecipeRunsTheJlinkJavaOnTheJar() {
    String df = new LocalImages(null, null).dockerfile(List.of("-Xmx256m"), List.of("toxiproxy", "--port", "8474"));
    assertThat(df).startsWith("FROM scratch\nCOPY rootfs/ /\n")
        .contains("COPY app.jar /app/app.jar\n")
        .endsWith("ENTRYPOINT [\"/opt/java/bin/java\", \"-Xmx256m\", \"-jar\", \"/app/app.jar\", \"toxiproxy\", \"--port\", \"8474\"]\n");
  }

  @Test
  void baseImageRecipeUsesItsJava() {
    String df = new LocalImages(null, "eclipse-temurin:17-jre").dockerfile(List.of(), List.of());
    assertThat(df).isEqualTo("FROM eclipse-temurin:17-jre\nCOPY app.jar /app/app.jar\n"
        + "ENTRYPOINT [\"java\", \"-jar\", \"/app/app.jar\"]\n");
  }

  @Test
  void tagChangesWithTheJarAndTheRecipeOnly(@TempDir Path dir) throws Exception {
    Path jar = Files.write(dir.resolve("a.jar"), new byte[] {1, 2, 3});
    String h = LocalImages.hash("FROM scratch\n", jar);
    assertThat(h).hasSize(16).isEqualTo(LocalImages.hash("FROM scratch\n", jar));
    assertThat(LocalImages.hash("FROM other\n", jar)).isNotEqualTo(h);
    Files.write(jar, new byte[] {1, 2, 4});
    assertThat(LocalImages.hash("FROM scratch\n", jar)).isNotEqualTo(h);
  }
}
