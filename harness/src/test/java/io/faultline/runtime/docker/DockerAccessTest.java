package io.faultline.runtime.docker;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Testcontainers settings check names the missing variable in one sentence. */
class DockerAccessTest {

  @Test
  void allThreeSettingsPass() {
    assertThatCode(() -> DockerAccess.checkEnvironment(DockerAccess.REQUIRED_ENV)).doesNotThrowAnyException();
  }

  @Test
  void aMissingOrWrongSettingIsNamed() {
    Map<String, String> env = new HashMap<>(DockerAccess.REQUIRED_ENV);
    env.remove("TESTCONTAINERS_RYUK_DISABLED");
    assertThatThrownBy(() -> DockerAccess.checkEnvironment(env))
        .isInstanceOf(DockerUnavailableException.class)
        .hasMessage("--runtime docker needs the environment variable TESTCONTAINERS_RYUK_DISABLED=true"
            + " (Testcontainers reads it only from the environment; ./faultline sets it, a plain java -jar does not)");
    env.put("TESTCONTAINERS_RYUK_DISABLED", "true");
    env.put("TESTCONTAINERS_HOST_OVERRIDE", "docker.example");
    assertThatThrownBy(() -> DockerAccess.checkEnvironment(env)).hasMessageContaining("TESTCONTAINERS_HOST_OVERRIDE=localhost");
  }
}
