package dev.omega.core.flow;

import static dev.omega.testkit.OmegaAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omega.core.config.EnvType;
import dev.omega.core.config.OmegaConfig;
import dev.omega.core.model.AppType;
import dev.omega.core.model.RunRequest;
import dev.omega.core.port.ConsoleEvent;
import dev.omega.core.port.Question;
import dev.omega.testkit.FakeOmega;
import dev.omega.testkit.Fault;
import dev.omega.testkit.ProcessScript;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Run Flow's decision tree (spec 4.2.1), one test per application type, from scratch. */
class RunFlowTest {
  private static final RunFlow.Request DETACHED = new RunFlow.Request(false);
  private static final RunFlow.Request FOLLOW = new RunFlow.Request(true);

  @Test
  void aLabGetsAnAgentWithTheProjectsFilesRunningJupyterAndNoLogStream() throws Exception {
    // Given
    FakeOmega omega = Scenarios.project(AppType.LAB);
    // When
    RunFlow.Outcome outcome = omega.runFlow().run(FOLLOW);
    // Then
    assertThat(outcome.agent().orElseThrow()).isBusy();
    assertThat(outcome.task()).isEmpty();
    OmegaConfig config = omega.config.current();
    assertThat(config.agentId()).isEqualTo(outcome.agent().get().id());
    assertThat(omega.platform.agentFiles(config.agentId()))
        .containsOnlyKeys("main.py", "data/input.csv");
    assertThat(omega.platform.calls()).doesNotContain("agents.watch");
    assertThat(omega.prompter.asked()).isEmpty();
  }

  @Test
  void anApiRunsItsCommandWithItsEnvironmentAndStreamsItsLogsUntilInterrupted() throws Exception {
    // Given
    FakeOmega omega = Scenarios.project(AppType.API);
    // When / Then: a service's stream only ends by Ctrl+C
    assertThatThrownBy(() -> omega.runFlow().run(FOLLOW)).isInstanceOf(InterruptedException.class);
    assertThat(omega.console.logLines()).containsExactly("serving on $PORT");
    assertThat(omega.platform.peekAgent(omega.config.current().agentId()).orElseThrow()).isBusy();
  }

  @Test
  void aOneTimeJobIsFollowedToItsEndAndItsExitCode() throws Exception {
    // Given
    FakeOmega omega = Scenarios.project(AppType.ONE_TIME_JOB);
    // When
    omega.runFlow().run(FOLLOW);
    // Then
    assertThat(omega.console.logLines())
        .containsExactly("epoch 1", "epoch 2", "done", "process exited with code 0");
    assertThat(omega.platform.peekAgent(omega.config.current().agentId()).orElseThrow())
        .isIdle()
        .hasExitCode(0);
  }

  @Test
  void anApiWithAScheduledJobRunsTheAgentThenEnablesTheTaskAndOffersARunNow() throws Exception {
    // Given
    FakeOmega omega = Scenarios.project(AppType.API_WITH_SCHEDULED_JOB);
    // When
    RunFlow.Outcome outcome = omega.runFlow().run(DETACHED);
    // Then
    assertThat(outcome.agent().orElseThrow()).isBusy();
    assertThat(outcome.task().orElseThrow()).isOn();
    assertThat(omega.prompter.asked()).containsExactly(Question.RUN_TASK_NOW);
    var task = omega.platform.peekTask(omega.config.current().taskId()).orElseThrow();
    assertThat(task).isOn().hasRunningJob();
    assertThat(task.spec().command()).isEqualTo("python nightly.py");
    assertThat(omega.platform.taskFiles(task.id())).containsOnlyKeys("main.py", "data/input.csv");
  }

  @Test
  void aScheduledJobGetsOnlyATaskSyncedAndEnabled() throws Exception {
    // Given
    FakeOmega omega = Scenarios.project(AppType.SCHEDULED_JOB);
    omega.prompter.answer(Question.RUN_TASK_NOW, false);
    // When
    RunFlow.Outcome outcome = omega.runFlow().run(FOLLOW);
    // Then
    assertThat(outcome.agent()).isEmpty();
    assertThat(outcome.task().orElseThrow()).isOn().hasNoRunningJob();
    assertThat(omega.config.current().agentId()).isNull();
    assertThat(omega.platform.agentsCreated()).isZero();
    assertThat(omega.platform.calls()).doesNotContain("tasks.run");
  }

  @Test
  void theAgentsIdIsRecordedBeforeTheAgentIsCreated() throws Exception {
    // Given: the client dies on the first configuration save
    FakeOmega omega = Scenarios.project(AppType.LAB);
    omega.config.crashOnSave(1);
    // When
    assertThatThrownBy(() -> omega.runFlow().run(DETACHED))
        .isInstanceOf(dev.omega.testkit.SimulatedCrash.class);
    // Then: nothing was created for an id nobody recorded
    assertThat(omega.platform.agentsCreated()).isZero();
    assertThat(omega.platform.calls()).doesNotContain("agents.create");
  }

  @Test
  void theCommandAndEnvironmentTravelWithTheRunRequest() throws Exception {
    // Given
    FakeOmega omega = Scenarios.project(AppType.API);
    omega.config.envFile(Map.of("MODE", "from-file", "SECRET", "s"));
    omega.config.save(
        omega.config.current().toBuilder().envType(EnvType.FILE).envFile(".env").build());
    // When
    omega.runFlow().run(DETACHED);
    // Then: the env file's values win over env_values (spec 5.2.3)
    RunRequest sent = omega.platform.lastRunRequest(omega.config.current().agentId()).orElseThrow();
    assertThat(sent.command()).contains("python serve.py");
    assertThat(sent.env()).containsEntry("MODE", "from-file").containsEntry("SECRET", "s");
  }

  @Test
  void aShortJobWhoseStartAnswerWasLostIsNotStartedAgain() throws Exception {
    // Given: the job ends by the next inspect, and the answer to its start is lost
    FakeOmega reference = Scenarios.project(AppType.ONE_TIME_JOB);
    reference.platform.script("python train.py", ProcessScript.job(0, "trained").lasting(1));
    reference.runFlow().run(DETACHED);
    int runCall = reference.platform.calls().indexOf("agents.run") + 1;
    FakeOmega omega = Scenarios.project(AppType.ONE_TIME_JOB);
    omega.platform.script("python train.py", ProcessScript.job(0, "trained").lasting(1));
    omega.platform.failCall(runCall, Fault.networkAfter());
    // When
    omega.runFlow().run(DETACHED);
    // Then: the new process seen after the lost answer counts as the start
    assertThat(omega.platform.calls().stream().filter("agents.run"::equals)).hasSize(1);
  }

  @Test
  void theAgentsStatusTransitionsAndTheSyncsSizeAreReportedAsTheyHappen() throws Exception {
    // Given: an agent that stays INIT for two polls
    FakeOmega omega = Scenarios.project(AppType.ONE_TIME_JOB);
    omega.platform.initPolls(2);
    // When
    omega.runFlow().run(FOLLOW);
    // Then
    String agent = "agent " + omega.config.current().agentId();
    assertThat(omega.console.events(ConsoleEvent.StatusChanged.class))
        .containsExactly(
            new ConsoleEvent.StatusChanged(agent, Optional.empty(), "INIT"),
            new ConsoleEvent.StatusChanged(agent, Optional.of("INIT"), "IDLE"),
            new ConsoleEvent.StatusChanged(agent, Optional.of("IDLE"), "BUSY"));
    assertThat(omega.console.events(ConsoleEvent.TransferPlanned.class))
        .first()
        .satisfies(t -> assertThat(t.files()).isEqualTo(2));
  }

  @Test
  void aSecondRunOfAOneTimeJobShowsOnlyItsOwnOutput() throws Exception {
    // Given: a job that ran once on the agent, which stays IDLE
    FakeOmega omega = Scenarios.project(AppType.ONE_TIME_JOB);
    omega.runFlow().run(FOLLOW);
    omega.console.clear();
    // When
    omega.runFlow().run(FOLLOW);
    // Then
    assertThat(omega.platform.agentsCreated()).isEqualTo(1);
    assertThat(omega.console.logLines())
        .containsExactly("epoch 1", "epoch 2", "done", "process exited with code 0");
  }

  @Test
  void aRunWhoseJobEndedWhileNoCommandWatchedIsFinishedNotRunAgain() throws Exception {
    // Given: a one-time job started without following (or by a command killed after the start)
    FakeOmega omega = Scenarios.project(AppType.ONE_TIME_JOB);
    omega.runFlow().run(DETACHED);
    assertThat(omega.config.current().runId()).isNotNull();
    omega.console.clear();
    // When
    RunFlow.Outcome outcome = omega.runFlow().run(FOLLOW);
    // Then: its output, its exit code, one start in all; the run is over
    assertThat(omega.platform.calls().stream().filter("agents.run"::equals)).hasSize(1);
    assertThat(omega.console.logLines())
        .containsExactly("epoch 1", "epoch 2", "done", "process exited with code 0");
    assertThat(outcome.agent().orElseThrow()).isIdle().hasExitCode(0);
    assertThat(omega.config.current().runId()).isNull();
    // When: the next run is a new one
    omega.runFlow().run(FOLLOW);
    // Then
    assertThat(omega.platform.calls().stream().filter("agents.run"::equals)).hasSize(2);
  }

  @Test
  void stoppingAJobEndsItsRunSoTheNextRunStartsANewOne() throws Exception {
    // Given
    FakeOmega omega = Scenarios.project(AppType.ONE_TIME_JOB);
    omega.platform.script("python train.py", ProcessScript.job(0, "epoch 1").lasting(1_000));
    omega.runFlow().run(DETACHED);
    // When: stopped, the agent kept
    omega.prompter.answerAll(false);
    omega.stopFlow().run();
    // Then
    assertThat(omega.config.current().runId()).isNull();
    omega.runFlow().run(DETACHED);
    assertThat(omega.platform.calls().stream().filter("agents.run"::equals)).hasSize(2);
  }
}
