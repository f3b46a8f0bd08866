package dev.omega.cli;

import static dev.omega.cli.CliProcess.ok;
import static dev.omega.cli.Projects.json;
import static dev.omega.cli.Projects.poll;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8: the local server killed with SIGKILL in the middle of a command the built CLI runs, then
 * started again (on the port it had, so the command reaches it again). The command rides it out:
 * nothing lost, nothing run twice, the agent's process adopted by the new server.
 */
class ServerCrashIT {
  private static final Duration PATIENCE = Duration.ofSeconds(90);

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
  void aServerKilledWhileRunFollowsAJobsLogsIsRestartedAndEveryLineArrivesOnceFromTheAdoptedJob()
      throws Exception {
    // Given: a job that counts to 12, a line every half second
    ok(
        omega.run(
            project,
            "config",
            "--job-type",
            "job",
            "--command",
            "echo run >> runs.txt; for i in $(seq 1 12); do echo line $i; sleep 0.5; done"));
    StartedCli run = cli.start("run");
    poll(PATIENCE, "the job's first lines", () -> run.printed("line 2"));
    // When: the server dies mid-stream and comes back
    killServer();
    ok(omega.run(project, "server", "start"));
    var ended = run.await(PATIENCE);
    // Then
    assertThat(ended.exitCode()).as(ended.err()).isZero();
    assertThat(ended.out().lines().toList())
        .containsExactlyElementsOf(
            IntStream.rangeClosed(1, 12).mapToObj(i -> "line " + i).toList());
    assertThat(project.resolve("runs.txt")).hasContent("run");
    cli.assertSingleAgent();
  }

  @Test
  void aServerKilledDuringAnUploadIsRestartedAndTheSameRunUploadsEveryFileWholeAndRunsTheJobOnce()
      throws Exception {
    // Given: 200 files of 100 KB
    Random random = new Random(8);
    Files.createDirectories(project.resolve("data"));
    for (int i = 0; i < 200; i++) {
      byte[] bytes = new byte[100 * 1024];
      random.nextBytes(bytes);
      Files.write(project.resolve("data/part-" + i), bytes);
    }
    ok(
        omega.run(
            project,
            "config",
            "--job-type",
            "job",
            "--command",
            "echo run >> runs.txt; ls data | wc -l"));
    StartedCli run = cli.start("--verbose", "run");
    poll(PATIENCE, "20 files uploaded", () -> run.printed("  upload data/part-", 20));
    // When
    killServer();
    ok(omega.run(project, "server", "start"));
    var ended = run.await(PATIENCE);
    // Then
    assertThat(ended.exitCode()).as(ended.err()).isZero();
    assertThat(ended.out()).contains("200");
    assertThat(project.resolve("runs.txt")).hasContent("run");
    JsonNode plan = json(omega.run(project, "sync", "--dry-run", "--json"));
    for (String side : List.of("upload", "download", "delete_local", "delete_remote")) {
      assertThat(plan.path(side)).as(side).isEmpty();
    }
    cli.assertSingleAgent();
  }

  @Test
  void aServerThatDoesNotAnswerIsSaidToRunAndStopStopsItAllTheSame() throws Exception {
    // Given: the local server, frozen: it holds its data folder but answers nothing
    ok(omega.run(project, "server", "start"));
    long pid = json(omega.run(project, "server", "status", "--json")).path("pid").asLong();
    assertThat(new ProcessBuilder("kill", "-STOP", Long.toString(pid)).start().waitFor()).isZero();

    // When
    CliProcess.Result status = omega.run(project, "server", "status");
    CliProcess.Result stop = omega.run(project, "server", "stop");

    // Then
    assertThat(status.out()).contains("running (PID " + pid + ") but not answering");
    assertThat(ok(stop).err()).contains("Stopped the local platform");
    poll(
        PATIENCE,
        "the frozen server to end",
        () ->
            ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent()
                ? Optional.empty()
                : Optional.of(pid));
  }

  @Test
  void aCommandWaitsForItsServerThatDoesNotAnswerYetAndGoesOnWithItInsteadOfStartingAnother()
      throws Exception {
    // Given: the local server, frozen
    ok(omega.run(project, "server", "start"));
    JsonNode before = json(omega.run(project, "server", "status", "--json"));
    long pid = before.path("pid").asLong();
    signal("-STOP", pid);

    // When: a command needs it, and the server answers again while the command waits
    StartedCli start = cli.start("server", "start");
    poll(PATIENCE, "the command to say it waits", () -> start.printed("does not answer yet"));
    signal("-CONT", pid);

    // Then: the command went on with that server; no other one was started
    CliProcess.Result started = ok(start.await(PATIENCE));
    assertThat(started.err())
        .contains("Local platform at " + before.path("url").asText())
        .doesNotContain("Started");
    assertThat(json(omega.run(project, "server", "status", "--json")).path("pid").asLong())
        .isEqualTo(pid);
  }

  private static void signal(String signal, long pid) throws Exception {
    assertThat(new ProcessBuilder("kill", signal, Long.toString(pid)).start().waitFor()).isZero();
  }

  /** kill -9 of the local server, by the PID it recorded. */
  private void killServer() throws Exception {
    JsonNode status = json(omega.run(project, "server", "status", "--json"));
    ProcessHandle server = ProcessHandle.of(status.path("pid").asLong()).orElseThrow();
    server.destroyForcibly();
    server.onExit().get();
  }
}
