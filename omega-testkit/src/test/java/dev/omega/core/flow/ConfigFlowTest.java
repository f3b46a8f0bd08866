package dev.omega.core.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omega.core.config.InvalidConfigException;
import dev.omega.core.config.OmegaConfig;
import dev.omega.core.model.AppType;
import dev.omega.core.model.JobType;
import dev.omega.core.port.ConsoleEvent;
import dev.omega.core.port.Question;
import dev.omega.core.procedure.ProcedureFailedException;
import dev.omega.testkit.FakeOmega;
import org.junit.jupiter.api.Test;

/** The Config Flow (spec 5.2): changes only while nothing runs, nothing saved when refused. */
class ConfigFlowTest {
  private static FakeOmega running(AppType type) throws InterruptedException {
    FakeOmega omega = Scenarios.project(type);
    omega.runFlow().run(new RunFlow.Request(false));
    return omega;
  }

  @Test
  void aFirstConfigurationIsValidatedAndSaved() throws Exception {
    // Given
    FakeOmega omega = new FakeOmega(null);
    // When
    OmegaConfig saved =
        omega
            .configFlow()
            .apply(
                c -> c.toBuilder().jobType(JobType.LAB).computeSize("cpu-1").diskSize(5).build());
    // Then
    assertThat(omega.config.current()).isEqualTo(saved);
    assertThat(saved.appType()).isEqualTo(AppType.LAB);
  }

  @Test
  void theSameSettingsAgainWriteNothing() throws Exception {
    // Given
    FakeOmega omega = Scenarios.project(AppType.API);
    OmegaConfig before = omega.config.current();
    int saves = omega.config.saves();
    // When
    OmegaConfig after =
        omega.configFlow().apply(c -> c.toBuilder().command(before.command()).build());
    // Then
    assertThat(after).isEqualTo(before);
    assertThat(omega.config.saves()).isEqualTo(saves);
  }

  @Test
  void anInvalidChangeListsEveryProblemAndLeavesTheConfigurationUntouched() throws Exception {
    // Given
    FakeOmega omega = Scenarios.project(AppType.API);
    OmegaConfig before = omega.config.current();
    // When / Then
    assertThatThrownBy(
            () ->
                omega
                    .configFlow()
                    .apply(c -> c.toBuilder().jobSchedule("every day").command(null).build()))
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e ->
                assertThat(e.problems())
                    .extracting(p -> p.key())
                    .containsExactlyInAnyOrder("job_schedule", "command", "job_command"));
    assertThat(omega.config.current()).isEqualTo(before);
    assertThat(omega.config.saves()).isZero();
  }

  @Test
  void nothingChangesWhileAnAgentsProcessRuns() throws Exception {
    // Given
    FakeOmega omega = running(AppType.API);
    OmegaConfig before = omega.config.current();
    // When / Then
    assertThatThrownBy(
            () -> omega.configFlow().apply(c -> c.toBuilder().command("python v2.py").build()))
        .isInstanceOf(ProcedureFailedException.class)
        .hasMessageContaining("omega stop");
    assertThat(omega.config.current()).isEqualTo(before);
  }

  @Test
  void nothingChangesWhileATaskIsOn() throws Exception {
    FakeOmega omega = running(AppType.SCHEDULED_JOB);
    assertThatThrownBy(
            () -> omega.configFlow().apply(c -> c.toBuilder().jobSchedule("@hourly").build()))
        .isInstanceOf(ProcedureFailedException.class)
        .hasMessageContaining("is ON");
  }

  @Test
  void anIdleAgentsCommandCanChangeButNotItsResources() throws Exception {
    // Given: stopped, the agent kept
    FakeOmega omega = running(AppType.API);
    omega.prompter.answer(Question.TERMINATE_AGENT, false);
    omega.stopFlow().run();
    // When
    OmegaConfig saved =
        omega.configFlow().apply(c -> c.toBuilder().command("python v2.py").build());
    // Then
    assertThat(saved.command()).isEqualTo("python v2.py");
    assertThatThrownBy(
            () -> omega.configFlow().apply(c -> c.toBuilder().computeSize("gpu-1").build()))
        .isInstanceOf(ProcedureFailedException.class)
        .hasMessageContaining("Terminate it");
  }

  @Test
  void afterATerminatedAgentTheNextRunMakesANewOneWithTheNewSize() throws Exception {
    // Given
    FakeOmega omega = running(AppType.LAB);
    omega.stopFlow().run();
    var old = omega.config.current().agentId();
    // When
    omega.configFlow().apply(c -> c.toBuilder().computeSize("cpu-4").build());
    omega.runFlow().run(new RunFlow.Request(false));
    // Then
    var now = omega.config.current().agentId();
    assertThat(now).isNotEqualTo(old);
    assertThat(omega.platform.peekAgent(now).orElseThrow().spec().computeSize()).isEqualTo("cpu-4");
  }

  @Test
  void anOffTasksNewScheduleGetsANewTaskAtTheNextRunAndTheUserIsTold() throws Exception {
    // Given
    FakeOmega omega = running(AppType.SCHEDULED_JOB);
    omega.stopFlow().run();
    var old = omega.config.current().taskId();
    // When
    OmegaConfig saved = omega.configFlow().apply(c -> c.toBuilder().jobSchedule("@hourly").build());
    omega.runFlow().run(new RunFlow.Request(false));
    // Then
    assertThat(saved.taskId()).isNull();
    assertThat(omega.console.events(ConsoleEvent.Warning.class))
        .anySatisfy(w -> assertThat(w.message()).contains(old.toString()).contains("stays OFF"));
    var task = omega.platform.peekTask(omega.config.current().taskId()).orElseThrow();
    assertThat(task.spec().schedule()).isEqualTo("@hourly");
  }
}
