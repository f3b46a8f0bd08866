package dev.omega.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omega.core.config.OmegaConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsTest {
  @TempDir Path home;

  private static OmegaConfig withKey(String key) {
    return OmegaConfig.empty().toBuilder().apikey(key).build();
  }

  @Test
  void theProjectsKeyComesFirstThenTheEnvironmentThenTheCredentialsFile() {
    // Given
    Credentials stored = new Credentials(home, Map.of());
    stored.save("from-login");
    Credentials withEnvironment = new Credentials(home, Map.of("OMEGA_API_KEY", "from-env"));
    // Then
    assertThat(withEnvironment.apiKey(withKey("from-project"))).contains("from-project");
    assertThat(withEnvironment.apiKey(OmegaConfig.empty())).contains("from-env");
    assertThat(stored.apiKey(OmegaConfig.empty())).contains("from-login");
  }

  @Test
  void theCredentialsFileIsReadableByItsOwnerOnly() throws Exception {
    new Credentials(home, Map.of()).save("k'ey");
    Path file = home.resolve("credentials.yaml");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(new Credentials(home, Map.of()).apiKey(OmegaConfig.empty())).contains("k'ey");
  }

  @Test
  void withoutAnyKeyThereIsNone() {
    assertThat(new Credentials(home, Map.of()).apiKey(OmegaConfig.empty())).isEmpty();
  }
}
