package dev.omega.cli;

import static dev.omega.cli.CliProcess.ok;
import static dev.omega.cli.Projects.copyExample;
import static dev.omega.cli.Projects.get;
import static dev.omega.cli.Projects.json;
import static dev.omega.cli.Projects.poll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The five application types end to end, each with its example project: the built CLI (bin/omega)
 * run as a separate process (a new OMEGA_HOME per test) against the local platform it starts. Each
 * test runs, inspects, watches, syncs and stops.
 */
@Timeout(60)
class ApplicationTypesIT {
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @TempDir Path home;
  @TempDir Path project;
  private CliProcess omega;

  @BeforeEach
  void freshHome() {
    omega = new CliProcess(home, Map.of());
  }

  @AfterEach
  void stopEverythingThenTheLocalPlatform() throws Exception {
    if (Files.exists(project.resolve(".omega/config.yaml"))) {
      omega.run(project, "stop", "--yes");
    }
    omega.run(project, "server", "stop");
  }

  @Test
  void aOneTimeJobRunsToItsEndAndItsLogsStayReadable() throws Exception {
    // Given
    copyExample("one-time-job", project);
    ok(
        omega.run(
            project,
            "config",
            "--job-type",
            "job",
            "--command",
            "java Main.java",
            "--env",
            "GREETING=hi"));
    // When
    var run = ok(omega.run(project, "run"));
    // Then: its output streamed, its result home, its code omega's
    assertThat(run.out()).contains("added 36, sum so far 42").contains("wrote result.txt");
    assertThat(run.err()).contains("The job exited with code 0");
    assertThat(project.resolve("result.txt")).hasContent("hi: the sum is 42");
    JsonNode inspect = inspect();
    assertThat(inspect.path("app_type").asText()).isEqualTo("JOB");
    assertThat(inspect.path("agent").path("status").asText()).isEqualTo("IDLE");
    assertThat(inspect.path("agent").path("exit_code").asInt(-1)).isZero();
    assertThat(inspect.path("task").isNull()).isTrue();
    // watch on a finished job prints its logs and returns
    var watch = ok(omega.run(project, "watch"));
    assertThat(watch.out()).contains("added 1, sum so far 1").contains("wrote result.txt");
    // sync: the run brought everything home already
    assertThat(ok(omega.run(project, "sync")).err()).contains("Agent: already in sync");
    // When
    ok(omega.run(project, "stop", "--yes"));
    // Then
    assertThat(inspect().path("agent").path("status").asText()).isEqualTo("DEAD");
    assertThat(ok(omega.run(project, "watch")).out()).contains("wrote result.txt");
  }

  @Test
  void anApiAnswersOnItsEndpointUntilStopped() throws Exception {
    // Given
    copyExample("api", project);
    ok(
        omega.run(
            project,
            "config",
            "--job-type",
            "api",
            "--command",
            "java Api.java",
            "--env",
            "GREETING=hi"));
    // When
    var run = ok(omega.run(project, "run", "--detach"));
    // Then
    JsonNode inspect = inspect();
    assertThat(inspect.path("app_type").asText()).isEqualTo("API");
    assertThat(inspect.path("agent").path("status").asText()).isEqualTo("BUSY");
    assertThat(inspect.path("task").isNull()).isTrue();
    String endpoint = inspect.path("agent").path("endpoint").asText();
    assertThat(endpoint).startsWith("http://127.0.0.1:");
    assertThat(run.err()).contains("Endpoint: " + endpoint);
    HttpResponse<String> greeting = answered(endpoint);
    assertThat(greeting.statusCode()).isEqualTo(200);
    assertThat(greeting.body()).isEqualTo("hi from the Omega API example\n");
    HttpResponse<String> health = answered(endpoint + "health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("ok\n");
    // sync reaches the BUSY agent
    Files.writeString(project.resolve("notes.txt"), "a new local file\n");
    assertThat(ok(omega.run(project, "sync")).err()).contains("Agent: 1 uploaded");
    assertThat(ok(omega.run(project, "sync")).err()).contains("Agent: already in sync");
    // When
    var stop = ok(omega.run(project, "stop", "--yes"));
    // Then
    assertThat(stop.err()).contains("Terminate the agent too?").contains("is DEAD");
    assertThat(inspect().path("agent").path("status").asText()).isEqualTo("DEAD");
    assertThat(get(endpoint)).as("nothing answers at %s once stopped", endpoint).isEmpty();
    // watch of a DEAD agent reads its stored logs (a BUSY API's would stream until Ctrl+C)
    assertThat(ok(omega.run(project, "watch")).out())
        .contains("listening on " + endpoint)
        .contains("GET / 200")
        .contains("GET /health 200");
  }

  @Test
  void aScheduledJobRunsNowAndItsHistoryComesHomeBySync() throws Exception {
    // Given
    copyExample("scheduled-job", project);
    ok(
        omega.run(
            project,
            "config",
            "--job-type",
            "job",
            "--command",
            "java Tick.java",
            "--schedule",
            "* * * * *"));
    // When
    var run = ok(omega.run(project, "run", "--yes"));
    // Then
    assertThat(run.err())
        .contains("Run the job once now as well? yes")
        .contains("is ON")
        .containsPattern("next runs: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d \\S+, .+, .+");
    JsonNode inspect = inspect();
    assertThat(inspect.path("app_type").asText()).isEqualTo("SCHEDULED_JOB");
    assertThat(inspect.path("agent").isNull()).isTrue();
    assertThat(inspect.path("task").path("status").asText()).isEqualTo("ON");
    assertThat(inspect.path("task").path("schedule").asText()).isEqualTo("* * * * *");
    assertThat(inspect.path("task").path("next_run").asText()).isNotBlank();
    JsonNode job = jobStopped();
    assertThat(job.path("exit_code").asInt(-1)).isZero();
    assertThat(ok(omega.run(project, "watch", "--task")).out())
        .contains("(manual run)")
        .contains("appended: ")
        .contains("wrote 1 file back to the task cache: history.txt");
    assertThat(project.resolve("history.txt")).doesNotExist();
    // When
    var sync = ok(omega.run(project, "sync"));
    // Then
    assertThat(sync.err()).contains("Task cache: 0 uploaded, 1 downloaded");
    assertThat(Files.readAllLines(project.resolve("history.txt")))
        .isNotEmpty()
        .allMatch(line -> line.matches("\\d{4}-\\d\\d-\\d\\dT\\S+Z run [0-9a-f-]{36}"));
    // When
    ok(omega.run(project, "stop", "--yes"));
    // Then
    assertThat(inspect().path("task").path("status").asText()).isEqualTo("OFF");
    assertThat(inspect().path("task").path("job").path("status").asText()).isEqualTo("STOPPED");
  }

  @Test
  void anApiWithAScheduledJobServesTheReportTheJobRegenerates() throws Exception {
    // Given
    copyExample("api-with-scheduled-job", project);
    ok(
        omega.run(
            project,
            "config",
            "--job-type",
            "api",
            "--command",
            "java Api.java",
            "--job-command",
            "java Report.java",
            "--schedule",
            "0 * * * *"));
    // When
    ok(omega.run(project, "run", "--detach", "--yes"));
    // Then: both run
    JsonNode inspect = inspect();
    assertThat(inspect.path("app_type").asText()).isEqualTo("API_SCHEDULED");
    assertThat(inspect.path("agent").path("status").asText()).isEqualTo("BUSY");
    assertThat(inspect.path("task").path("status").asText()).isEqualTo("ON");
    String endpoint = inspect.path("agent").path("endpoint").asText();
    assertThat(answered(endpoint).body()).isEqualTo("no report generated yet\n");
    // the job regenerates report.txt in the task cache, not here nor on the agent
    assertThat(jobStopped().path("exit_code").asInt(-1)).isZero();
    assertThat(ok(omega.run(project, "watch", "--task")).out())
        .contains("regenerated report.txt: report generated at")
        .contains("wrote 1 file back to the task cache: report.txt");
    assertThat(project.resolve("report.txt")).hasContent("no report generated yet");
    // When
    var sync = ok(omega.run(project, "sync"));
    // Then: the report comes home, and from here on to the agent, whose API serves it
    assertThat(sync.err())
        .contains("Task cache: 0 uploaded, 1 downloaded")
        .contains("Agent: 1 uploaded");
    String report = Files.readString(project.resolve("report.txt"));
    assertThat(report).startsWith("report generated at ").endsWith("3 values, total 42\n");
    assertThat(answered(endpoint).body()).isEqualTo(report);
    // When
    ok(omega.run(project, "stop", "--yes"));
    // Then
    JsonNode stopped = inspect();
    assertThat(stopped.path("agent").path("status").asText()).isEqualTo("DEAD");
    assertThat(stopped.path("task").path("status").asText()).isEqualTo("OFF");
    assertThat(ok(omega.run(project, "watch")).out()).contains("serving report.txt on");
  }

  @Test
  void aLabServesItsNotebookAndStopTerminatesItWithoutAsking() throws Exception {
    assumeTrue(
        onPath("jupyter-notebook") || onPath("jupyter-lab"), "Jupyter is not installed here");
    // Given
    copyExample("lab", project);
    ok(omega.run(project, "config", "--job-type", "lab"));
    // When
    var run = ok(omega.run(project, "run"));
    // Then
    Matcher printed =
        Pattern.compile("Endpoint: (http://127\\.0\\.0\\.1:\\d+/\\?token=(\\w+))")
            .matcher(run.err());
    assertThat(printed.find()).as(run.err()).isTrue();
    String endpoint = printed.group(1);
    JsonNode inspect = inspect();
    assertThat(inspect.path("app_type").asText()).isEqualTo("LAB");
    assertThat(inspect.path("agent").path("status").asText()).isEqualTo("BUSY");
    assertThat(inspect.path("agent").path("endpoint").asText()).isEqualTo(endpoint);
    assertThat(answered(endpoint).statusCode()).isLessThan(400);
    // the project's notebook is what the Lab serves
    String base = endpoint.substring(0, endpoint.indexOf("?"));
    HttpResponse<String> notebook =
        answered(base + "api/contents/hello.ipynb?token=" + printed.group(2));
    assertThat(notebook.statusCode()).isEqualTo(200);
    assertThat(notebook.body()).contains("hello from an Omega Lab");
    assertThat(ok(omega.run(project, "sync")).err()).contains("Agent: ");
    // When: stop, with no --yes: a Lab is terminated without a question
    var stop = ok(omega.run(project, "stop"));
    // Then
    assertThat(stop.err())
        .doesNotContain("Terminate the agent too?")
        .contains("Terminating agent")
        .contains("is DEAD");
    assertThat(inspect().path("agent").path("status").asText()).isEqualTo("DEAD");
    assertThat(get(endpoint)).as("nothing answers at %s once stopped", endpoint).isEmpty();
    assertThat(project.resolve("hello.ipynb")).exists();
    assertThat(ok(omega.run(project, "watch")).out()).contains("is running at");
  }

  private JsonNode inspect() throws Exception {
    return json(omega.run(project, "inspect", "--json"));
  }

  /** The task's latest job, once it is STOPPED. */
  private JsonNode jobStopped() throws Exception {
    return poll(
        PATIENCE,
        "the task's job to be STOPPED",
        () -> {
          JsonNode job = inspect().path("task").path("job");
          return job.path("status").asText().equals("STOPPED")
              ? Optional.of(job)
              : Optional.empty();
        });
  }

  /** The first answer at {@code url}: the process behind it may still be starting. */
  private static HttpResponse<String> answered(String url) throws Exception {
    return poll(PATIENCE, "an answer at " + url, () -> get(url));
  }

  private static boolean onPath(String program) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
  }
}
