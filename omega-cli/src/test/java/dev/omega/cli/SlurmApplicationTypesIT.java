package dev.omega.cli;

import static dev.omega.cli.CliProcess.ok;
import static dev.omega.cli.Projects.copyExample;
import static dev.omega.cli.Projects.get;
import static dev.omega.cli.Projects.json;
import static dev.omega.cli.Projects.poll;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built CLI, unchanged, against a team's server whose runtime is a real Slurm cluster: a
 * one-time job, an API and a scheduled job, each run as Slurm jobs.
 */
@Timeout(180)
class SlurmApplicationTypesIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir Path home;
  @TempDir Path project;
  @TempDir Path data;
  @TempDir Path shared;
  private SlurmBackedServer server;
  private CliProcess omega;

  @BeforeEach
  void startServer() throws Exception {
    server = new SlurmBackedServer(data, shared);
    omega = new CliProcess(home, Map.of("OMEGA_API_KEY", SlurmBackedServer.TOKEN));
  }

  @AfterEach
  void stopEverything() throws Exception {
    if (server == null) {
      return;
    }
    if (Files.exists(project.resolve(".omega/config.yaml"))) {
      omega.run(project, "stop", "--yes");
    }
    server.close();
  }

  @Test
  void ctrlCWhileTheAgentWaitsForItsAllocationThenRunAgainStartsTheJobOnceOnOneAgent()
      throws Exception {
    // Given: a job that holds all of the node's free memory, so that the agent's stays PENDING
    String blocker = blockTheNode();
    try {
      StartedCli first = startAJobThatCountsItsRuns();
      try (first) {
        poll(PATIENCE, "the agent to wait in INIT", () -> first.printed("agent is INIT"));
        // When: Ctrl+C while it waits
        first.interrupt();
        var interrupted = first.await(PATIENCE);
        // Then
        assertThat(interrupted.exitCode()).as(interrupted.err()).isEqualTo(130);
        assertThat(interrupted.err())
            .containsPattern("Interrupted while creating agent .*; agent .* is INIT")
            .contains("run omega run again");
      }
    } finally {
      SlurmBackedServer.slurm("scancel", blocker);
    }
    // When: the node is free again, the same command
    var rerun = omega.run(project, "run");
    // Then
    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertThat(rerun.err()).doesNotContain("Creating agent");
    assertThat(project.resolve("runs.txt")).hasContent("run");
    JsonNode all = json(omega.run(project, "inspect", "--all", "--json"));
    assertThat(all.path("agents")).hasSize(1);
  }

  @Test
  void theServerKilledWhileTheAgentWaitsForItsAllocationAdoptsItAndTheSameRunFinishes()
      throws Exception {
    // Given: the agent's Slurm job held PENDING by a job that takes the node's free memory
    String blocker = blockTheNode();
    StartedCli first;
    try {
      first = startAJobThatCountsItsRuns();
    } catch (Exception | AssertionError e) {
      SlurmBackedServer.slurm("scancel", blocker);
      throw e;
    }
    try (first) {
      try {
        poll(PATIENCE, "the agent to wait in INIT", () -> first.printed("agent is INIT"));
        // When: kill -9 of the server while the agent is INIT, then the node frees up
        server.kill9();
      } finally {
        SlurmBackedServer.slurm("scancel", blocker);
      }
      // ... and the server comes back while the same command waits
      server.restart();
      var run = first.await(PATIENCE.multipliedBy(2));
      // Then: the one agent's Slurm job was adopted, the job ran once
      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.err()).as("the agent was never lost").doesNotContain("DEAD");
      assertThat(run.err().split("Creating agent", -1)).as(run.err()).hasSize(2);
      assertThat(project.resolve("runs.txt")).hasContent("run");
      JsonNode all = json(omega.run(project, "inspect", "--all", "--json"));
      assertThat(all.path("agents")).hasSize(1);
      String agentJob = "omega-agent-" + all.path("agents").get(0).path("id").asText();
      assertThat(SlurmBackedServer.jobStates(agentJob)).hasSize(1);
    }
  }

  /** {@code omega config --server <the Slurm-backed server> args...}, which must succeed. */
  private void configure(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("config", "--server", server.url()));
    command.addAll(List.of(args));
    ok(omega.run(project, command.toArray(String[]::new)));
  }

  /** Configures a one-time job that appends "run" to runs.txt, and starts its omega run. */
  private StartedCli startAJobThatCountsItsRuns() throws Exception {
    configure("--job-type", "job", "--command", "echo run >> runs.txt");
    return StartedCli.start(home, project, Map.of("OMEGA_API_KEY", SlurmBackedServer.TOKEN), "run");
  }

  /** Submits a job that takes all of the node's free memory; its id, to scancel. */
  private static String blockTheNode() throws Exception {
    String node = SlurmBackedServer.slurm("scontrol", "show", "node", "--oneliner");
    int free = field(node, "RealMemory") - field(node, "AllocMem");
    return SlurmBackedServer.slurm(
            "sbatch",
            "--parsable",
            "--partition=" + SlurmBackedServer.PARTITION,
            "--job-name=omega-test-blocker",
            "--mem=" + free + "M",
            "--output=/dev/null",
            "--wrap=sleep 600")
        .strip();
  }

  private static int field(String node, String name) {
    var matcher = java.util.regex.Pattern.compile(name + "=(\\d+)").matcher(node);
    assertThat(matcher.find()).as(name + " in " + node).isTrue();
    return Integer.parseInt(matcher.group(1));
  }

  @Test
  void aOneTimeJobsExitCodeIsPassedThroughFromItsSlurmJob() throws Exception {
    // Given
    copyExample("one-time-job", project);
    configure("--job-type", "job", "--command", "java Main.java && exit 3", "--env", "GREETING=hi");
    // When
    var run = omega.run(project, "run");
    // Then
    assertThat(run.exitCode()).as("stderr:\n%s", run.err()).isEqualTo(3);
    assertThat(run.out()).contains("added 36, sum so far 42").contains("wrote result.txt");
    assertThat(run.err()).contains("The job exited with code 3");
    assertThat(project.resolve("result.txt")).hasContent("hi: the sum is 42");
    String agent = inspect().path("agent").path("id").asText();
    assertThat(SlurmBackedServer.jobStates("omega-agent-" + agent)).containsExactly("RUNNING");
  }

  @Test
  void anApiAnswersThroughItsEndpointAndStopCancelsItsSlurmJob() throws Exception {
    // Given
    copyExample("api", project);
    configure("--job-type", "api", "--command", "java Api.java", "--env", "GREETING=hi");
    // When
    ok(omega.run(project, "run", "--detach"));
    // Then
    JsonNode agent = inspect().path("agent");
    assertThat(agent.path("status").asText()).isEqualTo("BUSY");
    String endpoint = agent.path("endpoint").asText();
    HttpResponse<String> greeting = poll(PATIENCE, "an answer at " + endpoint, () -> get(endpoint));
    assertThat(greeting.statusCode()).isEqualTo(200);
    assertThat(greeting.body()).isEqualTo("hi from the Omega API example\n");
    String job = "omega-agent-" + agent.path("id").asText();
    assertThat(SlurmBackedServer.jobStates(job)).containsExactly("RUNNING");
    // When
    var stop = ok(omega.run(project, "stop", "--yes"));
    // Then
    assertThat(stop.err()).contains("is DEAD");
    assertThat(SlurmBackedServer.jobStates(job)).singleElement().isNotIn("PENDING", "RUNNING");
    assertThat(get(endpoint)).as("nothing answers at %s once stopped", endpoint).isEmpty();
  }

  @Test
  void aScheduledJobRunsAsASlurmJobAndItsOutputsReachTheTaskCache() throws Exception {
    // Given
    copyExample("scheduled-job", project);
    configure("--job-type", "job", "--command", "java Tick.java", "--schedule", "0 3 * * *");
    // When
    var run = ok(omega.run(project, "run", "--yes"));
    // Then
    assertThat(run.err()).contains("Run the job once now as well? yes");
    JsonNode job =
        poll(
            PATIENCE,
            "the task's job to be STOPPED",
            () -> {
              JsonNode j = inspect().path("task").path("job");
              return j.path("status").asText().equals("STOPPED")
                  ? Optional.of(j)
                  : Optional.empty();
            });
    assertThat(job.path("exit_code").asInt(-1)).isZero();
    assertThat(SlurmBackedServer.jobStates("omega-job-" + job.path("id").asText()))
        .containsExactly("COMPLETED");
    assertThat(ok(omega.run(project, "watch", "--task")).out())
        .contains("wrote 1 file back to the task cache: history.txt");
    // When
    var sync = ok(omega.run(project, "sync"));
    // Then
    assertThat(sync.err()).contains("Task cache: 0 uploaded, 1 downloaded");
    assertThat(Files.readAllLines(project.resolve("history.txt")))
        .singleElement()
        .matches(line -> line.matches("\\d{4}-\\d\\d-\\d\\dT\\S+Z run [0-9a-f-]{36}"));
  }

  private JsonNode inspect() throws Exception {
    return json(omega.run(project, "inspect", "--json"));
  }
}
