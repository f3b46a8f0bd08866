package dev.omega.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built CLI as a user runs it (bin/omega), against the local platform it starts itself. */
class CliEndToEndIT {
  @TempDir Path home;
  @TempDir Path project;
  private CliProcess omega;

  @BeforeEach
  void freshHome() {
    omega = new CliProcess(home, Map.of());
  }

  @AfterEach
  void stopTheLocalPlatform() throws Exception {
    omega.run(project, "server", "stop");
  }

  private void copyExample(String name) throws Exception {
    Path example = Path.of("..", "examples", name);
    try (Stream<Path> files = Files.list(example)) {
      for (Path file : files.toList()) {
        Files.copy(file, project.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  @Test
  void aOneTimeJobRunsEndToEndAndItsResultComesHome() throws Exception {
    // Given
    copyExample("one-time-job");
    var configured =
        omega.run(
            project,
            "config",
            "--job-type",
            "job",
            "--command",
            "java Main.java",
            "--env",
            "GREETING=hi");
    assertThat(configured.exitCode()).as(configured.err()).isZero();
    // When
    var run = omega.run(project, "run");
    // Then
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("added 36, sum so far 42").contains("wrote result.txt");
    assertThat(project.resolve("result.txt")).hasContent("hi: the sum is 42");
    var inspect = omega.run(project, "inspect", "--json");
    assertThat(inspect.out())
        .contains("\"app_type\":\"JOB\"")
        .contains("\"status\":\"IDLE\"")
        .contains("\"exit_code\":0");
    // When
    var stop = omega.run(project, "stop", "--yes");
    // Then
    assertThat(stop.exitCode()).as(stop.err()).isZero();
    assertThat(omega.run(project, "inspect", "--json").out()).contains("\"status\":\"DEAD\"");
  }

  @Test
  void aDryRunPrintsThePlanAndWhatIsLeftOutAndMovesNothing() throws Exception {
    // Given
    omega.run(project, "config", "--job-type", "job", "--command", "true");
    assertThat(omega.run(project, "run").exitCode()).isZero();
    Files.writeString(project.resolve("new.txt"), "new");
    Files.writeString(project.resolve(".gitignore"), "*.log\n");
    Files.writeString(project.resolve("debug.log"), "noise");
    // When
    var dryRun = omega.run(project, "sync", "--dry-run", "--json");
    // Then
    assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
    assertThat(dryRun.out())
        .contains("\"upload\":[\".gitignore\",\"new.txt\"]")
        .contains("\"debug.log\":\"*.log (.gitignore line 1)\"");
    var sync = omega.run(project, "sync");
    assertThat(sync.err()).contains("2 uploaded");
    omega.run(project, "stop", "--yes");
  }

  @Test
  void aJobsExitCodeIsTheCommandsAndARerunOfStopIsHarmless() throws Exception {
    omega.run(project, "config", "--job-type", "job", "--command", "echo failing; exit 7");
    var run = omega.run(project, "run");
    assertThat(run.exitCode()).isEqualTo(7);
    assertThat(run.out()).contains("failing");
    assertThat(omega.run(project, "stop", "--yes").exitCode()).isZero();
    assertThat(omega.run(project, "stop", "--yes").exitCode()).isZero();
  }

  @Test
  void withoutATerminalAQuestionTakesTheSafeAnswerAndSaysSo() throws Exception {
    // Given: an API, so that stop asks whether to terminate it
    omega.run(project, "config", "--job-type", "api", "--command", "exec sleep 300");
    assertThat(omega.run(project, "run", "--detach").exitCode()).isZero();
    // When
    var stop = omega.run(project, "stop");
    // Then
    assertThat(stop.exitCode()).isZero();
    assertThat(stop.err()).contains("no (no terminal to ask on; pass --yes to answer yes)");
    assertThat(omega.run(project, "inspect", "--json").out()).contains("\"status\":\"IDLE\"");
    omega.run(project, "stop", "--yes");
  }

  @Test
  void badInputEndsWithAUsageErrorAndLeavesTheConfigurationUnchanged() throws Exception {
    // Given
    omega.run(project, "config", "--job-type", "job", "--command", "true");
    Path config = project.resolve(".omega/config.yaml");
    byte[] before = Files.readAllBytes(config);
    // When / Then: an invalid cron
    var cron = omega.run(project, "config", "--schedule", "61 * * * *");
    assertThat(cron.exitCode()).isEqualTo(2);
    assertThat(cron.err()).contains("job_schedule").contains("'61' is outside 0-59");
    assertThat(Files.readAllBytes(config)).isEqualTo(before);
    // a missing env file
    var env = omega.run(project, "config", "--env-file", "missing.env");
    assertThat(env.exitCode()).as(env.err()).isIn(0, 2);
    var runWithoutEnv = omega.run(project, "run");
    assertThat(runWithoutEnv.exitCode()).isEqualTo(2);
    assertThat(runWithoutEnv.err()).contains("missing.env");
    // an unknown key
    Files.writeString(config, Files.readString(config) + "compute_sise: cpu-1\n");
    byte[] typo = Files.readAllBytes(config);
    var unknown = omega.run(project, "run");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("did you mean compute_size?");
    assertThat(Files.readAllBytes(config)).isEqualTo(typo);
  }

  @Test
  void anUnknownComputeSizeIsRefusedAtConfigWithTheSizesOnOfferAndNothingSaved() throws Exception {
    // Given: a configuration whose size came from the platform's catalog
    var first = omega.run(project, "config", "--job-type", "job", "--command", "true");
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("compute_size: cpu-1");
    Path config = project.resolve(".omega/config.yaml");
    byte[] before = Files.readAllBytes(config);
    // When
    var unknown = omega.run(project, "config", "--compute-size", "gpu-99");
    // Then
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("gpu-99").contains("[cpu-1, cpu-2, cpu-4]");
    assertThat(Files.readAllBytes(config)).isEqualTo(before);
  }

  @Test
  void aRefusedApikeyEndsWithExitCodeThree() throws Exception {
    // Given: the local platform, addressed as a team's server with a wrong key
    omega.run(project, "server", "start");
    String url = Files.readString(home.resolve("server/url")).strip();
    omega.run(project, "config", "--job-type", "job", "--command", "true", "--server", url);
    // When
    var run = new CliProcess(home, Map.of("OMEGA_API_KEY", "wrong-key")).run(project, "run");
    // Then
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).contains("omega login").doesNotContain("wrong-key");
  }

  @Test
  void verboseShowsEachHttpCallAndItsAnswerButNeverTheApikey() throws Exception {
    // Given: the local platform addressed as a team's server, with its key
    omega.run(project, "server", "start");
    String url = Files.readString(home.resolve("server/url")).strip();
    String token = Files.readString(home.resolve("server/token")).strip();
    omega.run(project, "config", "--job-type", "job", "--command", "true", "--server", url);
    // When
    var inspect =
        new CliProcess(home, Map.of("OMEGA_API_KEY", token))
            .run(project, "--verbose", "inspect", "--all");
    // Then
    assertThat(inspect.exitCode()).as(inspect.err()).isZero();
    assertThat(inspect.err()).containsPattern("GET /agents → 200 in \\d+ ms").doesNotContain(token);
  }
}
