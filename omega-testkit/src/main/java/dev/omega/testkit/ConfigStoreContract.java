package dev.omega.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omega.core.config.EnvType;
import dev.omega.core.config.OmegaConfig;
import dev.omega.core.model.AgentId;
import dev.omega.core.model.JobType;
import dev.omega.core.model.TaskId;
import dev.omega.core.port.ConfigStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ConfigStore} must do. An implementation's test extends this class. */
public abstract class ConfigStoreContract {
  protected ConfigStore store;

  /** A store for a project that has no configuration yet. */
  protected abstract ConfigStore createStore();

  /** Writes the project's env file as the user would. */
  protected abstract void writeEnvFile(String name, Map<String, String> values);

  @BeforeEach
  void createStoreUnderTest() {
    store = createStore();
  }

  public static OmegaConfig fullConfig() {
    return new OmegaConfig(
        AgentId.parse("00000000-0000-0000-0000-000000000001"),
        TaskId.parse("00000000-0000-0000-0000-000000000002"),
        JobType.API,
        "*/5 * * * *",
        "cpu-1",
        10,
        List.of("datasets", "models"),
        EnvType.FILE,
        ".env",
        Map.of("MODE", "dev", "LEVEL", "info"),
        "secret-key",
        "https://omega.example.com",
        "python serve.py",
        "python nightly.py",
        "00000000-0000-0000-0000-000000000003");
  }

  @Test
  void aProjectWithoutConfigurationLoadsEmpty() {
    assertThat(store.load()).isEmpty();
  }

  @Test
  void everyKeySurvivesASaveAndALoad() {
    // Given
    OmegaConfig config = fullConfig();
    // When
    store.save(config);
    // Then
    assertThat(store.load()).contains(config);
  }

  @Test
  void aSaveReplacesThePreviousConfiguration() {
    store.save(fullConfig());
    OmegaConfig lab =
        new OmegaConfig(
            null,
            null,
            JobType.LAB,
            null,
            "cpu-2",
            5,
            List.of(),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    store.save(lab);
    assertThat(store.load()).contains(lab);
  }

  @Test
  void theEnvFilesValuesWinOverEnvValues() {
    // Given
    writeEnvFile(".env", Map.of("MODE", "prod", "TOKEN", "t"));
    // When
    Map<String, String> env = store.environment(fullConfig());
    // Then
    assertThat(env)
        .containsEntry("MODE", "prod")
        .containsEntry("TOKEN", "t")
        .containsEntry("LEVEL", "info");
  }
}
