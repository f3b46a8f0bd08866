package dev.omega.core.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omega.core.model.AgentStatus;
import dev.omega.core.model.AppType;
import dev.omega.core.model.JobStatus;
import dev.omega.core.model.TaskStatus;
import dev.omega.core.procedure.ProcedureFailedException;
import dev.omega.testkit.FakeOmega;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Spec 4.4: from every reachable remote state, each flow ends where it ends from scratch, and never
 * creates more than one agent and one task.
 */
class RecoveryTest {
  private static final RunFlow.Request DETACHED = new RunFlow.Request(false);
  private static final Set<String> MUTATING_PREFIXES =
      Set.of(
          "agents.create",
          "agents.run",
          "agents.stop",
          "agents.kill",
          "agents.upload",
          "agents.delete",
          "agents.commit",
          "tasks.create",
          "tasks.enable",
          "tasks.disable",
          "tasks.run",
          "tasks.stop",
          "tasks.upload",
          "tasks.delete",
          "tasks.commit");

  static Stream<RemoteState> states() {
    return RemoteState.all().stream();
  }

  /** The statuses a user checks after a run: agent and job running, task on. */
  record AfterRun(
      Optional<AgentStatus> agent, Optional<TaskStatus> task, Optional<JobStatus> job) {}

  private static AfterRun afterRun(FakeOmega omega) {
    Scenarios.EndState end = Scenarios.endState(omega);
    return new AfterRun(end.agent(), end.task(), end.job());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("states")
  void runFromAnyStateEndsAsRunFromScratch(RemoteState state) throws Exception {
    // Given
    FakeOmega scratch = Scenarios.project(state.type());
    scratch.runFlow().run(DETACHED);
    FakeOmega omega = state.seed();
    // When
    omega.runFlow().run(DETACHED);
    // Then
    assertThat(afterRun(omega)).isEqualTo(afterRun(scratch));
    assertThat(omega.platform.agentsCreated()).isLessThanOrEqualTo(1);
    assertThat(omega.platform.tasksCreated()).isLessThanOrEqualTo(1);
    // The project's files reached the platform (an ON task is not synced by run, spec 4.3.3).
    Scenarios.EndState end = Scenarios.endState(omega);
    assertThat(end.remoteFiles()).containsAllEntriesOf(end.localFiles());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("states")
  void stopFromAnyStateLeavesNothingRunning(RemoteState state) throws Exception {
    // Given
    FakeOmega omega = state.seed();
    // When
    omega.stopFlow().run();
    // Then
    Scenarios.EndState end = Scenarios.endState(omega);
    assertThat(end.agent())
        .isNotIn(
            Optional.of(AgentStatus.INIT),
            Optional.of(AgentStatus.IDLE),
            Optional.of(AgentStatus.BUSY));
    assertThat(end.task()).isNotEqualTo(Optional.of(TaskStatus.ON));
    assertThat(end.job()).isNotEqualTo(Optional.of(JobStatus.RUNNING));
    assertThat(omega.platform.agentsCreated()).isZero();
    assertThat(omega.platform.tasksCreated()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("states")
  void syncFromAnyStateMakesBothSidesEqualOrSaysThereIsNothingToSyncWith(RemoteState state)
      throws Exception {
    // Given
    FakeOmega omega = state.seed();
    boolean agentUp =
        List.of(
                RemoteState.AgentState.INIT,
                RemoteState.AgentState.IDLE,
                RemoteState.AgentState.BUSY)
            .contains(state.agent());
    boolean taskUp =
        state.task() != RemoteState.TaskState.NONE
            && state.task() != RemoteState.TaskState.RECORDED;
    boolean syncable =
        state.type().usesAgent() ? agentUp && (!state.type().usesTask() || taskUp) : taskUp;
    // When / Then
    if (syncable) {
      omega.syncFlow().run();
      Scenarios.EndState end = Scenarios.endState(omega);
      assertThat(end.remoteFiles()).isEqualTo(end.localFiles());
    } else {
      assertThatThrownBy(() -> omega.syncFlow().run())
          .isInstanceOf(ProcedureFailedException.class)
          .hasMessageContaining("nothing to sync with");
    }
    assertThat(omega.platform.agentsCreated()).isZero();
    assertThat(omega.platform.tasksCreated()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("states")
  void inspectFromAnyStateChangesNothing(RemoteState state) throws Exception {
    // Given
    FakeOmega omega = state.seed();
    // When
    InspectFlow.Project project = omega.inspectFlow().project();
    // Then
    assertThat(project.appType()).isEqualTo(state.type());
    assertThat(omega.platform.calls())
        .allSatisfy(
            call -> assertThat(MUTATING_PREFIXES.stream().noneMatch(call::startsWith)).isTrue());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("states")
  void watchFromAnyStateShowsTheLogsOrSaysWhyNotAndChangesNothing(RemoteState state)
      throws Exception {
    // Given
    FakeOmega omega = state.seed();
    // When
    try {
      omega.watchFlow().run(WatchFlow.Source.DEFAULT);
    } catch (ProcedureFailedException e) {
      assertThat(e.getMessage()).contains("omega run");
    } catch (InterruptedException serviceStream) {
      // a running service streams until Ctrl+C: the fake interrupts after its last line
    }
    // Then
    assertThat(omega.platform.calls())
        .allSatisfy(
            call -> assertThat(MUTATING_PREFIXES.stream().noneMatch(call::startsWith)).isTrue());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("states")
  void configFromAnyStateSavesOrRefusesWithoutTouchingThePlatform(RemoteState state)
      throws Exception {
    // Given
    FakeOmega omega = state.seed();
    var before = omega.config.current();
    // When
    boolean saved;
    try {
      omega.configFlow().apply(c -> c.toBuilder().computeSize("cpu-8").build());
      saved = true;
    } catch (ProcedureFailedException refused) {
      assertThat(refused.getMessage()).contains("omega stop");
      saved = false;
    }
    // Then: refused exactly while something is up (spec 5.2.1)
    Scenarios.EndState end = Scenarios.endState(omega);
    boolean agentUp = end.agent().isPresent() && end.agent().get() != AgentStatus.DEAD;
    boolean taskUp =
        end.task().equals(Optional.of(TaskStatus.ON))
            || end.job().equals(Optional.of(JobStatus.RUNNING));
    assertThat(saved).isEqualTo(!agentUp && !taskUp);
    assertThat(omega.config.current().computeSize())
        .isEqualTo(saved ? "cpu-8" : before.computeSize());
    assertThat(omega.platform.calls())
        .allSatisfy(
            call -> assertThat(MUTATING_PREFIXES.stream().noneMatch(call::startsWith)).isTrue());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("states")
  void aSecondRunAfterARunChangesNothingButAskingAgain(RemoteState state) throws Exception {
    // Given
    FakeOmega omega = state.seed();
    omega.runFlow().run(DETACHED);
    AfterRun first = afterRun(omega);
    int created = omega.platform.agentsCreated() + omega.platform.tasksCreated();
    // When
    omega.runFlow().run(DETACHED);
    // Then
    assertThat(afterRun(omega)).isEqualTo(first);
    assertThat(omega.platform.agentsCreated() + omega.platform.tasksCreated()).isEqualTo(created);
    if (state.type() != AppType.LAB) {
      assertThat(afterRun(omega).agent()).isNotEqualTo(Optional.of(AgentStatus.DEAD));
    }
  }
}
