package dev.omega.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omega.core.config.ConfigProblem;
import dev.omega.core.config.InvalidConfigException;
import dev.omega.core.config.OmegaConfig;
import dev.omega.core.port.ConfigStore;
import dev.omega.testkit.ConfigStoreContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlConfigStoreTest extends ConfigStoreContract {
  @TempDir Path project;

  @Override
  protected ConfigStore createStore() {
    return new YamlConfigStore(project, () -> {});
  }

  @Override
  protected void writeEnvFile(String name, Map<String, String> values) {
    String text =
        values.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining("\n"));
    write(name, text);
  }

  private void write(String relative, String text) {
    try {
      Path file = project.resolve(relative);
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path configFile() {
    return project.resolve(".omega/config.yaml");
  }

  @Test
  void theFolderIsCreatedWithAGitignoreAndTheFileIsReadableByItsOwnerOnly() throws Exception {
    // When
    store.save(fullConfig());
    // Then
    assertThat(project.resolve(".omega/.gitignore")).content().contains("*");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(configFile())))
        .isEqualTo("rw-------");
  }

  @Test
  void aSaveKilledBetweenWriteAndRenameLeavesThePreviousFileByteForByte() throws Exception {
    // Given
    store.save(fullConfig());
    byte[] before = Files.readAllBytes(configFile());
    ConfigStore dying =
        new YamlConfigStore(
            project,
            () -> {
              throw new IOException("killed before the rename");
            });
    // When
    assertThatThrownBy(() -> dying.save(fullConfig().toBuilder().computeSize("cpu-64").build()))
        .isInstanceOf(UncheckedIOException.class);
    // Then
    assertThat(Files.readAllBytes(configFile())).isEqualTo(before);
    try (Stream<Path> files = Files.list(project.resolve(".omega"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("config.yaml", ".gitignore");
    }
  }

  @Test
  void aTemporaryFileLeftByAKillIsRemovedByTheNextSave() throws Exception {
    store.save(fullConfig());
    Path leftover = project.resolve(".omega/.config.yaml.omega-tmp-dead");
    Files.writeString(leftover, "half");
    store.save(fullConfig());
    assertThat(leftover).doesNotExist();
  }

  @Test
  void everyProblemOfFormIsReportedAtOnceWithLineColumnAndFix() {
    // Given
    write(
        ".omega/config.yaml",
        """
        job_type: notebook
        compute_sise: cpu-1
        disk_size: ten
        storage: data
        env_values:
          A: [1, 2]
        """);
    // When / Then
    assertThatThrownBy(() -> store.load())
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e -> {
              assertThat(e.problems())
                  .extracting(ConfigProblem::key)
                  .containsExactlyInAnyOrder(
                      "job_type", "compute_sise", "disk_size", "storage", "env_values");
              assertThat(e.problems())
                  .filteredOn(p -> p.key().equals("compute_sise"))
                  .singleElement()
                  .satisfies(
                      p -> {
                        assertThat(p.problem()).contains("line 2, column 1");
                        assertThat(p.fix()).isEqualTo("did you mean compute_size?");
                      });
              assertThat(e.problems())
                  .filteredOn(p -> p.key().equals("job_type"))
                  .singleElement()
                  .satisfies(
                      p -> assertThat(p.problem()).contains("line 1").contains("'notebook'"));
              assertThat(e.problems())
                  .filteredOn(p -> p.key().equals("disk_size"))
                  .singleElement()
                  .satisfies(
                      p -> assertThat(p.problem()).contains("line 3").contains("whole number"));
            });
  }

  @Test
  void aFileThatIsNotYamlIsReportedAndNeverOverwritten() throws Exception {
    // Given
    write(".omega/config.yaml", "job_type: lab\n  compute_size: [unclosed\n");
    byte[] before = Files.readAllBytes(configFile());
    // When / Then
    assertThatThrownBy(() -> store.load())
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e ->
                assertThat(e.getMessage())
                    .contains(".omega/config.yaml line")
                    .contains("not valid YAML"));
    assertThatThrownBy(() -> store.save(fullConfig())).isInstanceOf(InvalidConfigException.class);
    assertThat(Files.readAllBytes(configFile())).isEqualTo(before);
  }

  @Test
  void anAliasIsRefusedRatherThanReadAsItsAnchorsName() throws Exception {
    // Given: Jackson would read *b as the text "b"; a nest of them is the billion laughs
    write(".omega/config.yaml", "job_type: job\nstorage: &b [x]\njob_schedule: *b\n");
    byte[] before = Files.readAllBytes(configFile());
    // When / Then
    assertThatThrownBy(() -> store.load())
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("line 3, column 15")
        .hasMessageContaining("alias *b");
    assertThatThrownBy(() -> store.save(fullConfig())).isInstanceOf(InvalidConfigException.class);
    assertThat(Files.readAllBytes(configFile())).isEqualTo(before);
  }

  @Test
  void aKeyWrittenTwiceIsRefusedNamingBothLines() {
    write(".omega/config.yaml", "job_type: job\ndisk_size: 1\njob_type: lab\n");
    assertThatThrownBy(() -> store.load())
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("job_type is written a second time (first at line 1)");
  }

  @Test
  void aFileThatIsNotUtf8IsAConfigurationProblemNotAFailedRead() throws Exception {
    Files.createDirectories(configFile().getParent());
    Files.write(configFile(), "command: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> store.load())
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("is not UTF-8 text");
  }

  @Test
  void anEnvFileThatIsAFolderOrNotUtf8IsAConfigurationProblem() throws Exception {
    Files.createDirectory(project.resolve("envdir"));
    Files.write(
        project.resolve("latin1.env"), "A=caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> store.environment(fullConfig().toBuilder().envFile("envdir").build()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("is a folder, not a file");
    assertThatThrownBy(
            () -> store.environment(fullConfig().toBuilder().envFile("latin1.env").build()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("is not UTF-8 text");
  }

  @Test
  void jobTypeIsReadInAnyCaseAndAnEmptyFileIsAnEmptyConfiguration() {
    write(".omega/config.yaml", "job_type: LAB\n");
    assertThat(store.load().orElseThrow().jobType()).isEqualTo(dev.omega.core.model.JobType.LAB);
    write(".omega/config.yaml", "");
    assertThat(store.load()).contains(OmegaConfig.empty());
  }

  @Test
  void aProblemFoundLaterPointsAtWhereItsKeyIsWritten() {
    write(".omega/config.yaml", "job_type: job\n\njob_schedule: '0 0 30 2 *'\n");
    assertThat(store.locate("job_schedule")).contains(".omega/config.yaml line 3, column 1");
    assertThat(store.locate("compute_size")).isEmpty();
  }

  @Test
  void aMissingEnvFileIsAClearError() {
    OmegaConfig config = fullConfig().toBuilder().envFile("missing.env").build();
    assertThatThrownBy(() -> store.environment(config))
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .satisfies(p -> assertThat(p.problem()).contains("missing.env")));
  }

  @Test
  void theWrittenFileIsReadableYamlInTheSpecsKeys() throws Exception {
    store.save(fullConfig());
    String text = Files.readString(configFile(), StandardCharsets.UTF_8);
    assertThat(text).contains("job_type: api").contains("disk_size: 10").contains("storage:");
  }
}
