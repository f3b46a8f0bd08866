package dev.omega.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omega.core.model.AppType;
import dev.omega.core.model.JobType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigValidatorTest {
  private static OmegaConfig config(
      JobType type, String schedule, String command, String jobCommand) {
    return new OmegaConfig(
        null,
        null,
        type,
        schedule,
        "cpu-1",
        10,
        List.of("data"),
        null,
        null,
        null,
        null,
        null,
        command,
        jobCommand,
        null);
  }

  private static List<String> keys(OmegaConfig config) {
    return ConfigValidator.problems(config).stream().map(ConfigProblem::key).toList();
  }

  @Test
  void eachApplicationTypeIsValidWithItsRequiredKeys() {
    assertThat(keys(config(JobType.LAB, null, null, null))).isEmpty();
    assertThat(keys(config(JobType.API, null, "serve", null))).isEmpty();
    assertThat(keys(config(JobType.API, "0 * * * *", "serve", "nightly"))).isEmpty();
    assertThat(keys(config(JobType.JOB, null, "train", null))).isEmpty();
    assertThat(keys(config(JobType.JOB, "@daily", "train", null))).isEmpty();
    assertThat(config(JobType.API, "0 * * * *", "serve", "nightly").appType())
        .isEqualTo(AppType.API_WITH_SCHEDULED_JOB);
  }

  @Test
  void everyProblemIsReportedAtOnceEachNamingItsKeyAndFix() {
    // Given
    OmegaConfig broken =
        new OmegaConfig(
            null,
            null,
            null,
            "61 * * * *",
            " ",
            0,
            List.of(""),
            EnvType.FILE,
            null,
            null,
            null,
            "ftp://x",
            null,
            null,
            null);
    // When
    List<ConfigProblem> problems = ConfigValidator.problems(broken);
    // Then
    assertThat(problems)
        .extracting(ConfigProblem::key)
        .containsExactlyInAnyOrder(
            "job_type",
            "job_schedule",
            "compute_size",
            "disk_size",
            "storage",
            "env_file",
            "server");
    assertThat(problems).allSatisfy(p -> assertThat(p.fix()).isNotBlank());
    assertThat(problems)
        .filteredOn(p -> p.key().equals("job_schedule"))
        .singleElement()
        .satisfies(p -> assertThat(p.problem()).contains("61"));
  }

  @Test
  void aLabWithAScheduleIsInvalid() {
    assertThat(keys(config(JobType.LAB, "0 3 * * *", null, null))).containsExactly("job_schedule");
  }

  @Test
  void anApiOrAJobNeedsACommandAndAScheduledApiAJobCommand() {
    assertThat(keys(config(JobType.API, null, null, null))).containsExactly("command");
    assertThat(keys(config(JobType.JOB, "@hourly", null, null))).containsExactly("command");
    assertThat(keys(config(JobType.API, "@hourly", "serve", null))).containsExactly("job_command");
  }

  @Test
  void aScheduleThatCanNeverFireIsInvalid() {
    assertThat(ConfigValidator.problems(config(JobType.JOB, "0 0 30 2 *", "train", null)))
        .singleElement()
        .satisfies(p -> assertThat(p.problem()).contains("never"));
  }

  @Test
  void envValuesWithoutEnvTypeAskForOne() {
    OmegaConfig config =
        new OmegaConfig(
            null,
            null,
            JobType.LAB,
            null,
            "cpu-1",
            1,
            null,
            null,
            null,
            Map.of("A", "1"),
            null,
            null,
            null,
            null,
            null);
    assertThat(keys(config)).containsExactly("env_type");
  }

  @Test
  void asksForTheApplicationTypeOfAnInvalidConfigurationFailWithEveryProblem() {
    OmegaConfig empty = OmegaConfig.empty();
    assertThatThrownBy(empty::appType)
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e ->
                assertThat(e.problems())
                    .extracting(ConfigProblem::key)
                    .contains("job_type", "compute_size", "disk_size"));
  }

  @Test
  void theApikeyNeverShowsInToString() {
    OmegaConfig config =
        new OmegaConfig(
            null,
            null,
            JobType.LAB,
            null,
            "cpu-1",
            1,
            null,
            null,
            null,
            null,
            "s3cr3t-key",
            null,
            null,
            null,
            null);
    assertThat(config.toString()).doesNotContain("s3cr3t-key").contains("apikey=(hidden)");
  }
}
