package dev.omega.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built CLI on a real pseudo-terminal: the questions it asks only there. */
class TerminalIT {
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

  @Test
  void configWithNoFlagsAsksForEachValueOfferingThePlatformsComputeSizes() throws Exception {
    // When: job, its command, no schedule, the second size on offer, the default disk
    var asked = omega.runOnTerminal(project, "job\njava Main.java\n-\n2\n\n", "config");
    // Then
    assertThat(asked.exitCode()).as(asked.out()).isZero();
    assertThat(asked.out())
        .contains("Job type (lab, api or job) [job]")
        .contains("1) cpu-1: 1 CPU, 2048 MiB")
        .contains("2) cpu-2: 2 CPU, 4096 MiB");
    assertThat(Files.readString(project.resolve(".omega/config.yaml")))
        .contains("job_type: job")
        .contains("command: java Main.java")
        .contains("compute_size: cpu-2")
        .contains("disk_size: 10")
        .doesNotContain("job_schedule");
  }

  @Test
  void aRefusedKeyOnATerminalOffersToLogInThenRunsTheCommandAgain() throws Exception {
    // Given: the local platform addressed as a team's server, with no key stored
    omega.run(project, "server", "start");
    String url = Files.readString(home.resolve("server/url")).strip();
    String token = Files.readString(home.resolve("server/token")).strip();
    var configured =
        omega.run(project, "config", "--job-type", "job", "--command", "true", "--server", url);
    assertThat(configured.exitCode()).as(configured.err()).isZero();
    // When: a command that calls the platform; yes, then the key
    var inspect = omega.runOnTerminal(project, "y\n" + token + "\n", "inspect", "--all", "--json");
    // Then
    assertThat(inspect.exitCode()).as(inspect.out()).isZero();
    assertThat(inspect.out())
        .contains("refused the apikey")
        .contains("Log in to " + url + " now?")
        .contains("Logged in to " + url + " as local")
        .contains("{\"agents\":[],\"tasks\":[]}");
    assertThat(home.resolve("credentials.yaml")).exists();
    // And the next command needs no login
    assertThat(omega.run(project, "inspect", "--all").exitCode()).isZero();
  }

  @Test
  void aRefusedKeyWithoutATerminalEndsWithExitCodeThreeAndNoQuestion() throws Exception {
    omega.run(project, "server", "start");
    String url = Files.readString(home.resolve("server/url")).strip();
    omega.run(project, "config", "--job-type", "job", "--command", "true", "--server", url);
    var inspect = omega.run(project, "inspect", "--all");
    assertThat(inspect.exitCode()).isEqualTo(3);
    assertThat(inspect.err()).contains("omega login").doesNotContain("Log in to");
  }

  @Test
  void onATerminalASyncShowsAProgressBarThenItsSummary() throws Exception {
    // Given
    Files.write(project.resolve("data.bin"), new byte[3 << 20]);
    var configured = omega.run(project, "config", "--job-type", "job", "--command", "true");
    assertThat(configured.exitCode()).as(configured.err()).isZero();
    // When
    var run = omega.runOnTerminal(project, "", "run", "--detach");
    // Then
    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(run.out())
        .contains("1/1 files")
        .contains("MiB/s")
        .contains("1 file uploaded, 0 files downloaded, 0 files deleted (3.0 MiB in");
  }
}
