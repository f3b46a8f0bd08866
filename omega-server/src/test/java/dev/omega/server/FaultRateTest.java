package dev.omega.server;

import static dev.omega.server.FaultToleranceTest.COUNT_TO_40;
import static dev.omega.server.FaultToleranceTest.FOLLOW;
import static dev.omega.server.FaultToleranceTest.countedTo40;
import static dev.omega.server.FaultToleranceTest.randomText;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.omega.core.config.OmegaConfig;
import dev.omega.core.flow.ConfigFlow;
import dev.omega.core.flow.RunFlow;
import dev.omega.core.flow.StopFlow;
import dev.omega.core.flow.SyncFlow;
import dev.omega.core.model.AgentStatus;
import dev.omega.core.model.JobStatus;
import dev.omega.core.model.JobType;
import dev.omega.core.model.TaskStatus;
import dev.omega.core.model.TaskView;
import dev.omega.core.port.NetworkException;
import dev.omega.core.procedure.Procedures;
import dev.omega.core.sync.Sha256;
import dev.omega.testkit.FaultProxy.Fault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random faults of every kind (seeded) on the way to the real server: at 20% the flows complete
 * correctly; at 100% a flow gives up after its deadline with nothing half-done.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FaultRateTest {
  /** A seed under which both tests meet every kind of fault, two to four of each. */
  private static final long SEED = 1;

  @TempDir Path data;
  private ProxiedOmega omega;

  @AfterEach
  void stop() {
    if (omega != null) {
      omega.close();
    }
  }

  @Test
  void aOneTimeJobRunsSyncsAndStopsCorrectlyAtATwentyPercentFaultRate() throws Exception {
    // Given: seven files to upload, a job that prints 41 lines and writes two files
    String job =
        "sha256sum data.bin; mkdir -p out; head -c 1000000 /dev/urandom > out/result.bin;"
            + " wc -c src/* > out/sizes.txt; "
            + COUNT_TO_40;
    omega = new ProxiedOmega(data, ProxiedOmega.project(JobType.JOB, job), SEED);
    byte[] content = randomText(2, 300_000).getBytes(UTF_8);
    omega.workspace.put("data.bin", new String(content, UTF_8));
    for (int i = 1; i <= 6; i++) {
      omega.workspace.put("src/part-" + i + ".txt", randomText(10 + i, 20_000));
    }
    omega.proxy.randomFaults(0.2);
    Procedures procedures = omega.procedures();
    // When
    new RunFlow(procedures).run(FOLLOW);
    new SyncFlow(procedures).run();
    // Then
    List<String> output = new ArrayList<>(List.of(Sha256.hex(content) + "  data.bin"));
    output.addAll(countedTo40());
    assertThat(omega.console.logLines()).isEqualTo(output).isEqualTo(omega.storedLog());
    assertThat(omega.remoteFile("data.bin")).isEqualTo(content);
    assertThat(omega.remoteFile("src/part-6.txt"))
        .asString(UTF_8)
        .isEqualTo(randomText(16, 20_000));
    for (String path : List.of("out/result.bin", "out/sizes.txt")) {
      assertThat(omega.workspace.contents().get(path)).isEqualTo(omega.remoteFile(path));
    }
    // When
    StopFlow.Outcome stopped = new StopFlow(procedures).run();
    OmegaConfig configured = configureAgain(procedures);
    // Then
    assertThat(stopped.agent().orElseThrow().status()).isEqualTo(AgentStatus.DEAD);
    assertThat(configured.envValues()).containsEntry("STAGE", "after the faults");
    assertThat(omega.config.current()).isEqualTo(configured);
    System.out.println("faults injected: " + omega.proxy.counts());
    assertThat(omega.proxy.counts().faults()).as("%s", omega.proxy).isGreaterThanOrEqualTo(4);
  }

  @Test
  void anApiRunsSyncsAndStopsCorrectlyAtATwentyPercentFaultRate() throws Exception {
    // Given
    String api = "echo \"serving on $PORT\"; while true; do sleep 0.2; done";
    omega = new ProxiedOmega(data, ProxiedOmega.project(JobType.API, api), SEED);
    byte[] app = randomText(3, 200_000).getBytes(UTF_8);
    omega.workspace.put("app.py", new String(app, UTF_8));
    omega.proxy.randomFaults(0.2);
    Procedures procedures = omega.procedures();
    // When
    new RunFlow(procedures).run(new RunFlow.Request(false));
    omega.workspace.put("notes.txt", "written while it serves\n");
    new SyncFlow(procedures).run();
    StopFlow.Outcome stopped = new StopFlow(procedures).run();
    OmegaConfig configured = configureAgain(procedures);
    // Then
    assertThat(stopped.agent().orElseThrow().status()).isEqualTo(AgentStatus.DEAD);
    assertThat(omega.remoteFile("app.py")).isEqualTo(app);
    assertThat(omega.remoteFile("notes.txt"))
        .asString(UTF_8)
        .isEqualTo("written while it serves\n");
    assertThat(omega.storedLog()).filteredOn(line -> line.startsWith("serving on ")).hasSize(1);
    assertThat(configured.envValues()).containsEntry("STAGE", "after the faults");
    assertThat(omega.config.current()).isEqualTo(configured);
    System.out.println("faults injected: " + omega.proxy.counts());
    assertThat(omega.proxy.counts().faults()).as("%s", omega.proxy).isGreaterThanOrEqualTo(4);
  }

  @Test
  void aScheduledJobIsEnabledRunSyncedAndStoppedCorrectlyAtATwentyPercentFaultRate()
      throws Exception {
    // Given: a task whose job counts the bytes of its input and prints 41 lines
    OmegaConfig project =
        ProxiedOmega.project(JobType.JOB, "wc -c < data.txt > out.txt; " + COUNT_TO_40).toBuilder()
            .jobSchedule("0 3 * * *")
            .build();
    omega = new ProxiedOmega(data, project, SEED);
    omega.workspace.put("data.txt", randomText(5, 50_000));
    omega.proxy.randomFaults(0.2);
    Procedures procedures = omega.procedures();
    // When: run (the schedule on, a job now), sync the cache once the job ended, stop
    TaskView task = new RunFlow(procedures).run(new RunFlow.Request(false)).task().orElseThrow();
    ServerFixture.await(
        "the job to end",
        () ->
            omega
                .direct
                .tasks()
                .inspect(task.id())
                .flatMap(TaskView::latestJob)
                .filter(job -> job.status() == JobStatus.STOPPED)
                .isPresent());
    new SyncFlow(procedures).run();
    StopFlow.Outcome stopped = new StopFlow(procedures).run();
    OmegaConfig configured = configureAgain(procedures);
    // Then
    assertThat(task.status()).isEqualTo(TaskStatus.ON);
    assertThat(omega.workspace.contents().get("out.txt")).asString(UTF_8).isEqualTo("50000\n");
    assertThat(stopped.task().orElseThrow().status()).isEqualTo(TaskStatus.OFF);
    assertThat(omega.direct.tasks().list()).hasSize(1);
    assertThat(configured.envValues()).containsEntry("STAGE", "after the faults");
    assertThat(omega.config.current()).isEqualTo(configured);
    System.out.println("faults injected: " + omega.proxy.counts());
    assertThat(omega.proxy.counts().faults()).as("%s", omega.proxy).isGreaterThanOrEqualTo(4);
  }

  @Test
  void anApiWithAScheduledJobRunsAndStopsCorrectlyAtATwentyPercentFaultRate() throws Exception {
    // Given
    OmegaConfig project =
        ProxiedOmega.project(
                JobType.API, "echo \"serving on $PORT\"; while true; do sleep 0.2; done")
            .toBuilder()
            .jobSchedule("0 3 * * *")
            .jobCommand("echo report")
            .build();
    omega = new ProxiedOmega(data, project, SEED);
    omega.workspace.put("app.py", randomText(6, 100_000));
    omega.proxy.randomFaults(0.2);
    Procedures procedures = omega.procedures();
    // When
    RunFlow.Outcome outcome = new RunFlow(procedures).run(new RunFlow.Request(false));
    StopFlow.Outcome stopped = new StopFlow(procedures).run();
    OmegaConfig configured = configureAgain(procedures);
    // Then
    assertThat(outcome.agent().orElseThrow().status()).isEqualTo(AgentStatus.BUSY);
    assertThat(outcome.task().orElseThrow().status()).isEqualTo(TaskStatus.ON);
    assertThat(stopped.agent().orElseThrow().status()).isEqualTo(AgentStatus.DEAD);
    assertThat(stopped.task().orElseThrow().status()).isEqualTo(TaskStatus.OFF);
    assertThat(omega.direct.agents().list()).hasSize(1);
    assertThat(omega.direct.tasks().list()).hasSize(1);
    assertThat(omega.storedLog()).filteredOn(line -> line.startsWith("serving on ")).hasSize(1);
    assertThat(configured.envValues()).containsEntry("STAGE", "after the faults");
    assertThat(omega.config.current()).isEqualTo(configured);
    System.out.println("faults injected: " + omega.proxy.counts());
    assertThat(omega.proxy.counts().faults()).as("%s", omega.proxy).isGreaterThanOrEqualTo(4);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aLabRunsSyncsAndStopsCorrectlyAtATwentyPercentFaultRate() throws Exception {
    // Given: a project with a notebook and data; Jupyter on this machine
    ServerFixture.assumeJupyter();
    omega = new ProxiedOmega(data, ProxiedOmega.project(JobType.LAB, null), SEED);
    byte[] notebook = randomText(7, 50_000).getBytes(UTF_8);
    omega.workspace.put("analysis.ipynb", new String(notebook, UTF_8));
    omega.workspace.put("data/input.csv", randomText(8, 200_000));
    omega.proxy.randomFaults(0.2);
    Procedures procedures = omega.procedures();
    // When: run, then the Lab's user saves a notebook there and the project syncs
    RunFlow.Outcome outcome = new RunFlow(procedures).run(new RunFlow.Request(false));
    String endpoint = outcome.agent().orElseThrow().endpoint().orElseThrow();
    ServerFixture.await(
        "Jupyter to answer",
        Duration.ofSeconds(60),
        () -> ServerFixture.answers(endpoint, status -> status < 400));
    omega.putRemoteFile("results.ipynb", "{\"cells\": []}\n");
    new SyncFlow(procedures).run();
    StopFlow.Outcome stopped = new StopFlow(procedures).run();
    OmegaConfig configured = configureAgain(procedures);
    // Then
    assertThat(omega.remoteFile("analysis.ipynb")).isEqualTo(notebook);
    assertThat(omega.remoteFile("data/input.csv"))
        .asString(UTF_8)
        .isEqualTo(randomText(8, 200_000));
    assertThat(omega.workspace.contents().get("results.ipynb"))
        .asString(UTF_8)
        .isEqualTo("{\"cells\": []}\n");
    assertThat(stopped.agent().orElseThrow().status()).isEqualTo(AgentStatus.DEAD);
    assertThat(omega.direct.agents().list()).hasSize(1);
    assertThat(configured.envValues()).containsEntry("STAGE", "after the faults");
    assertThat(omega.config.current()).isEqualTo(configured);
    System.out.println("faults injected: " + omega.proxy.counts());
    assertThat(omega.proxy.counts().faults()).as("%s", omega.proxy).isGreaterThanOrEqualTo(4);
  }

  /** The config flow over the faulty network, once nothing runs: a new environment variable. */
  private static OmegaConfig configureAgain(Procedures procedures) throws InterruptedException {
    return new ConfigFlow(procedures)
        .apply(
            c -> {
              Map<String, String> env = new HashMap<>(c.envValues());
              env.put("STAGE", "after the faults");
              return c.toBuilder().envValues(env).build();
            });
  }

  @Test
  void aRunOnANetworkThatAlwaysBreaksEndsAfterItsDeadlineAndCompletesOnceItHeals()
      throws Exception {
    // Given: every call breaks
    omega = new ProxiedOmega(data, ProxiedOmega.project(JobType.JOB, "echo ran"), 100);
    omega.workspace.put("main.py", "print('hi')\n");
    OmegaConfig configBefore = omega.config.current();
    omega.proxy.randomFaults(1.0, Fault.RESET, Fault.STALL, Fault.TRUNCATE);
    long start = System.nanoTime();
    // When
    Throwable thrown =
        catchThrowable(
            () ->
                new RunFlow(omega.procedures(ProxiedOmega.pacing(Duration.ofSeconds(3))))
                    .run(new RunFlow.Request(false)));
    // Then: a clear network error after the deadline; only the agent's id was recorded, first
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(thrown).isInstanceOf(NetworkException.class).hasMessageContaining("kept failing");
    assertThat(took).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(20));
    assertThat(omega.config.current().withAgentId(null)).isEqualTo(configBefore);
    assertThat(omega.workspace.contents()).containsOnlyKeys("main.py");
    assertThat(omega.direct.agents().list()).hasSizeLessThanOrEqualTo(1);
    // When: the network heals, the same run
    omega.proxy.randomFaults(0);
    new RunFlow(omega.procedures()).run(FOLLOW);
    // Then: one agent, the job run once
    assertThat(omega.direct.agents().list()).hasSize(1);
    assertThat(omega.storedLog()).filteredOn("ran"::equals).hasSize(1);
    assertThat(omega.proxy.counts().faults()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void downloadsThatAlwaysBreakEndTheSyncAfterItsDeadlineWithNothingHalfDone() throws Exception {
    // Given: a job wrote a file on the agent; from now on every download breaks
    omega =
        new ProxiedOmega(
            data, ProxiedOmega.project(JobType.JOB, "head -c 1000000 /dev/urandom > out.bin"), 100);
    omega.workspace.put("main.py", "print('hi')\n");
    new RunFlow(omega.procedures()).run(new RunFlow.Request(false));
    ServerFixture.await("the job to end", () -> omega.agent().status() == AgentStatus.IDLE);
    OmegaConfig configBefore = omega.config.current();
    omega.proxy.randomFaultsOn("/files/", 1.0, Fault.RESET, Fault.STALL, Fault.TRUNCATE);
    long start = System.nanoTime();
    // When
    Throwable thrown =
        catchThrowable(
            () -> new SyncFlow(omega.procedures(ProxiedOmega.pacing(Duration.ofSeconds(3)))).run());
    // Then
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(thrown)
        .isInstanceOf(NetworkException.class)
        .hasMessageContaining("download out.bin kept failing for 3 s");
    assertThat(took).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(15));
    assertThat(omega.workspace.contents()).containsOnlyKeys("main.py");
    assertThat(omega.config.current()).isEqualTo(configBefore);
    // When: the network heals, the same sync moves the file whole
    omega.proxy.randomFaults(0);
    new SyncFlow(omega.procedures()).run();
    // Then
    assertThat(omega.workspace.contents().get("out.bin")).isEqualTo(omega.remoteFile("out.bin"));
  }
}
