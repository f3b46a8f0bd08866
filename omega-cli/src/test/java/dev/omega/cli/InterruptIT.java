package dev.omega.cli;

import static dev.omega.cli.CliProcess.ok;
import static dev.omega.cli.Projects.json;
import static dev.omega.cli.Projects.poll;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl+C (SIGINT to the CLI's process) in the middle of a command, then the same command again: the
 * interrupted one exits 130, the rerun ends where an uninterrupted run would have, and the platform
 * holds a single agent for the project.
 *
 * <p>The wait for IDLE is not among the moments interrupted: the local platform sets an agent up in
 * milliseconds, too quickly to send a signal into reliably.
 */
@Timeout(60)
class InterruptIT {
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final int FILES = 300;
  private static final int FILE_SIZE = 100 * 1024;

  @TempDir Path home;
  @TempDir Path project;
  private CliOnLocalPlatform cli;
  private CliProcess omega;

  @BeforeEach
  void freshHome() {
    cli = new CliOnLocalPlatform(home, project);
    omega = cli.omega;
  }

  @AfterEach
  void stopEverythingThenTheLocalPlatform() throws Exception {
    cli.close();
  }

  @Test
  void ctrlCWhileRunUploadsTheProjectThenRunAgainUploadsTheRestAndRunsTheJobOnce()
      throws Exception {
    // Given: 300 files of 100 KB, and a job that counts and digests what it finds
    writeRandomFiles(project.resolve("data"));
    ok(
        omega.run(
            project,
            "config",
            "--job-type",
            "job",
            "--command",
            "ls data | wc -l; cat data/* | sha256sum"));
    // When: Ctrl+C once the upload is under way
    StartedCli first = cli.start("--verbose", "run");
    poll(PATIENCE, "20 files uploaded", () -> first.printed("  upload ", 20));
    first.interrupt();
    var interrupted = first.await(PATIENCE);
    // Then
    assertInterrupted(interrupted, "run");
    assertThat(count(interrupted.err(), "  upload ")).isLessThan(FILES);
    assertThat(interrupted.err())
        .containsPattern("Interrupted while syncing files with agent .* files moved\\)");
    assertThat(interrupted.err()).doesNotContain("Starting the process");
    // When
    var rerun = ok(omega.run(project, "run"));
    // Then: the job ran once, on every file, as they are here
    assertThat(rerun.out().lines().toList())
        .containsExactly(Integer.toString(FILES), digestOf(project.resolve("data")) + "  -");
    assertThat(rerun.err()).doesNotContain("Creating agent").contains("exited with code 0");
    assertThat(ok(omega.run(project, "sync")).err()).contains("Agent: already in sync");
    cli.assertSingleAgent();
  }

  @Test
  void ctrlCWhileRunFollowsAJobsLogsLeavesTheJobRunningAndRunAgainShowsItAll() throws Exception {
    // Given
    ok(
        omega.run(
            project,
            "config",
            "--job-type",
            "job",
            "--command",
            "for i in 1 2 3 4 5 6 7 8; do echo $i; sleep 1; done"));
    // When: Ctrl+C once the job runs and its logs are followed ("is BUSY" is the last step before
    // following; the local platform's log stream holds lines back until the process ends, so no
    // line is awaited here)
    StartedCli first = cli.start("run");
    poll(PATIENCE, "the job to run", () -> first.printed(" is BUSY", 1));
    first.interrupt();
    var interrupted = first.await(PATIENCE);
    // Then: the CLI stopped following; the job goes on
    assertThat(interrupted.exitCode()).as(interrupted.err()).isEqualTo(130);
    assertThat(interrupted.out()).doesNotContain("8");
    assertThat(interrupted.err())
        .containsPattern(
            "Stopped following the logs \\(agent .* is BUSY\\): the process keeps running")
        .contains("omega watch")
        .contains("omega stop");
    JsonNode agent = inspect().path("agent");
    assertThat(agent.path("status").asText()).isEqualTo("BUSY");
    // When
    var rerun = ok(omega.run(project, "run"));
    // Then: the whole output once, and the job's exit code
    assertThat(rerun.out().lines().toList())
        .containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
    assertThat(rerun.err())
        .doesNotContain("Creating agent")
        .doesNotContain("Starting the process")
        .contains("exited with code 0");
    JsonNode ended = inspect().path("agent");
    assertThat(ended.path("status").asText()).isEqualTo("IDLE");
    assertThat(ended.path("exit_code").asInt(-1)).isZero();
    cli.assertSingleAgent();
  }

  @Test
  void ctrlCWhileSyncDownloadsThenSyncAgainBringsEveryFileHomeWhole() throws Exception {
    // Given: a job that writes 300 files of 100 KB, run to its end on the agent
    ok(
        omega.run(
            project,
            "config",
            "--job-type",
            "job",
            "--command",
            "mkdir -p out && for i in $(seq 1 "
                + FILES
                + "); do head -c "
                + FILE_SIZE
                + " /dev/urandom > out/f$i.bin; done; cat out/* | sha256sum"));
    ok(omega.run(project, "run", "--detach"));
    JsonNode done =
        poll(
            PATIENCE,
            "the job to end",
            () -> {
              JsonNode agent = inspect().path("agent");
              return agent.path("status").asText().equals("IDLE") ? Optional.of(agent) : none();
            });
    assertThat(done.path("exit_code").asInt(-1)).isZero();
    // When: Ctrl+C once the download is under way
    StartedCli first = cli.start("--verbose", "sync");
    poll(PATIENCE, "20 files downloaded", () -> first.printed("  download ", 20));
    first.interrupt();
    var interrupted = first.await(PATIENCE);
    // Then: only whole files arrived, under their own names
    assertInterrupted(interrupted, "sync");
    assertThat(count(interrupted.err(), "  download ")).isLessThan(FILES);
    try (Stream<Path> files = Files.list(project.resolve("out"))) {
      assertThat(files.toList())
          .hasSizeLessThan(FILES)
          .allSatisfy(file -> assertThat(file.getFileName().toString()).matches("f\\d+\\.bin"))
          .allSatisfy(file -> assertThat(Files.size(file)).isEqualTo(FILE_SIZE));
    }
    // When
    var rerun = ok(omega.run(project, "sync"));
    // Then: every file, as the job wrote it
    assertThat(rerun.err()).contains("Agent: 0 uploaded");
    try (Stream<Path> files = Files.list(project.resolve("out"))) {
      assertThat(files).hasSize(FILES);
    }
    String jobDigest = ok(omega.run(project, "watch")).out().strip();
    assertThat(jobDigest).isEqualTo(digestOf(project.resolve("out")) + "  -");
    assertThat(ok(omega.run(project, "sync")).err()).contains("Agent: already in sync");
    cli.assertSingleAgent();
  }

  private static void assertInterrupted(CliProcess.Result result, String command) {
    assertThat(result.exitCode()).as("exit code; stderr:\n%s", result.err()).isEqualTo(130);
    assertThat(result.err())
        .contains("Interrupted")
        .contains("run omega " + command + " again to resume");
  }

  private JsonNode inspect() throws Exception {
    return json(omega.run(project, "inspect", "--json"));
  }

  private static long count(String text, String marker) {
    return text.lines().filter(line -> line.contains(marker)).count();
  }

  private static <T> Optional<T> none() {
    return Optional.empty();
  }

  private static void writeRandomFiles(Path dir) throws IOException {
    Files.createDirectories(dir);
    Random random = new Random(7);
    byte[] content = new byte[FILE_SIZE];
    for (int i = 1; i <= FILES; i++) {
      random.nextBytes(content);
      Files.write(dir.resolve("f" + i + ".bin"), content);
    }
  }

  /** What {@code cat dir/* | sha256sum} prints before its " -", in the C locale's order. */
  private static String digestOf(Path dir) throws Exception {
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    List<Path> files;
    try (Stream<Path> listed = Files.list(dir)) {
      files = listed.sorted().toList();
    }
    for (Path file : files) {
      try (InputStream in = Files.newInputStream(file)) {
        sha256.update(in.readAllBytes());
      }
    }
    return HexFormat.of().formatHex(sha256.digest());
  }
}
