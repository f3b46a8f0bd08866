package dev.omega.runtime.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omega.api.Dtos;
import dev.omega.api.Wire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server with {@code runtime: slurm} killed with SIGKILL while an agent is BUSY or a task's job
 * runs: their Slurm jobs live on, and the next server adopts them by their job ids.
 */
class SlurmKillNineRestartTest {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir Path data;
  @TempDir Path shared;
  private SlurmServerProcess server;
  private String id;

  @BeforeEach
  void startServer() throws IOException {
    SlurmCluster.assumeReachable();
    server = new SlurmServerProcess(data, shared);
    server.start();
  }

  @AfterEach
  void stopServer() {
    if (server != null) {
      if (id != null) {
        server.call("POST", "/agents/" + id + "/kill", null);
      }
      server.close();
    }
  }

  private Dtos.Agent agent() {
    try {
      return Wire.JSON.readValue(
          server.call("GET", "/agents/" + id, null).body(), Dtos.Agent.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String jobState() {
    return SlurmCluster.jobsNamed("omega-agent-" + id).getFirst().state();
  }

  @Test
  void aBusyAgentSurvivesAKillNineOfTheServerAndTheNextAdoptsItByItsJobId() throws Exception {
    // Given: a BUSY agent, its command running inside its Slurm job
    id = UUID.randomUUID().toString();
    var created =
        server.call(
            "PUT",
            "/agents/" + id,
            "{\"job_type\":\"api\",\"compute_size\":\"cpu-1\",\"disk_size\":1}");
    assertThat(created.statusCode()).isEqualTo(201);
    SlurmCluster.await("IDLE", PATIENCE, () -> agent().status().equals("IDLE"));
    assertThat(jobState()).isEqualTo("RUNNING");
    server.call(
        "POST",
        "/agents/" + id + "/run",
        Wire.JSON.writeValueAsString(
            new Dtos.RunRequest("while true; do echo tick; sleep 0.05; done", Map.of(), null)));
    Path log = shared.resolve("agents/" + id + "/output.log");
    SlurmCluster.await("output", PATIENCE, () -> size(log) > 0);
    assertThat(agent().status()).isEqualTo("BUSY");
    // When
    server.killNine();
    long sizeAtKill = size(log);
    SlurmCluster.await(
        "the command to write on without its server", PATIENCE, () -> size(log) > sizeAtKill + 20);
    server.start();
    // Then: adopted BUSY, and stop and kill reach it
    assertThat(agent().status()).isEqualTo("BUSY");
    assertThat(jobState()).isEqualTo("RUNNING");
    assertThat(server.call("POST", "/agents/" + id + "/stop", null).statusCode()).isEqualTo(200);
    Dtos.Agent stopped = agent();
    assertThat(stopped.status()).isEqualTo("IDLE");
    assertThat(stopped.process().exitCode()).isEqualTo(143);
    assertThat(server.call("POST", "/agents/" + id + "/kill", null).statusCode()).isEqualTo(200);
    assertThat(agent().status()).isEqualTo("DEAD");
    assertThat(jobState()).isNotIn("PENDING", "RUNNING");
  }

  private Dtos.Task task(String taskId) {
    try {
      return Wire.JSON.readValue(
          server.call("GET", "/tasks/" + taskId, null).body(), Dtos.Task.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void aTasksJobThatEndsWhileNoServerRunsIsAdoptedAndItsOutputsReachTheTaskCache()
      throws Exception {
    // Given: a task's job running as a Slurm job, waiting for a file
    String taskId = UUID.randomUUID().toString();
    String command = "while [ ! -f go ]; do sleep 0.1; done; echo done > out.txt";
    var created =
        server.call(
            "PUT",
            "/tasks/" + taskId,
            Wire.JSON.writeValueAsString(
                new Dtos.TaskSpec(
                    "job", "0 3 * * *", command, "cpu-1", 1, List.of(), Map.of(), null)));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    server.call("POST", "/tasks/" + taskId + "/run", null);
    SlurmCluster.await(
        "the job to run",
        PATIENCE,
        () -> {
          Dtos.Job job = task(taskId).latestJob();
          return job != null && job.status().equals("RUNNING");
        });
    String jobId = task(taskId).latestJob().id();
    Path workspace = shared.resolve("tasks/" + taskId + "/jobs/" + jobId + "/workspace");
    // When: the server dies, and the job ends meanwhile
    server.killNine();
    Files.writeString(workspace.resolve("go"), "");
    SlurmCluster.await(
        "the Slurm job to end without its server",
        PATIENCE,
        () ->
            SlurmCluster.jobsNamed("omega-job-" + jobId).stream()
                .allMatch(j -> j.state().equals("COMPLETED")));
    server.start();
    // Then
    SlurmCluster.await(
        "the job to be recorded as ended",
        PATIENCE,
        () -> task(taskId).latestJob().status().equals("STOPPED"));
    assertThat(task(taskId).latestJob().exitCode()).isZero();
    assertThat(shared.resolve("tasks/" + taskId + "/cache/out.txt")).hasContent("done");
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }
}
