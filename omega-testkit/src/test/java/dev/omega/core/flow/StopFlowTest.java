package dev.omega.core.flow;

import static dev.omega.testkit.OmegaAssertions.assertThat;

import dev.omega.core.model.AppType;
import dev.omega.core.port.Question;
import dev.omega.testkit.FakeOmega;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The Stop Flow's decision tree (spec 4.2.2), one test per branch, after a run. */
class StopFlowTest {
  private static FakeOmega running(AppType type) throws InterruptedException {
    FakeOmega omega = Scenarios.project(type);
    omega.runFlow().run(new RunFlow.Request(false));
    omega.prompter.answerAll(true);
    return omega;
  }

  @Test
  void aLabIsStoppedSyncedBackAndAlwaysTerminatedWithoutAsking() throws Exception {
    // Given
    FakeOmega omega = running(AppType.LAB);
    var id = omega.config.current().agentId();
    omega.platform.putAgentFile(id, "notebook.ipynb", "{}".getBytes(StandardCharsets.UTF_8));
    // When
    StopFlow.Outcome outcome = omega.stopFlow().run();
    // Then
    assertThat(outcome.agent().orElseThrow()).isDead();
    assertThat(omega.workspace.contents()).containsKey("notebook.ipynb");
    assertThat(omega.prompter.asked()).doesNotContain(Question.TERMINATE_AGENT);
  }

  @Test
  void anApiIsStoppedAndTerminatedWhenTheUserAgrees() throws Exception {
    FakeOmega omega = running(AppType.API);
    StopFlow.Outcome outcome = omega.stopFlow().run();
    assertThat(outcome.agent().orElseThrow()).isDead();
    assertThat(omega.prompter.asked()).contains(Question.TERMINATE_AGENT);
  }

  @Test
  void aOneTimeJobIsKeptIdleWhenTheUserDeclinesAndItsOutputsComeBack() throws Exception {
    // Given
    FakeOmega omega = running(AppType.ONE_TIME_JOB);
    omega.prompter.answer(Question.TERMINATE_AGENT, false);
    // When
    StopFlow.Outcome outcome = omega.stopFlow().run();
    // Then: the job wrote model.bin when it was stopped; it was synced back
    assertThat(outcome.agent().orElseThrow()).isIdle();
    assertThat(omega.workspace.contents()).containsKey("model.bin");
    assertThat(omega.platform.calls()).contains("agents.stop").doesNotContain("agents.kill");
  }

  @Test
  void anApiWithAScheduledJobStopsTheTaskFirstThenTheAgent() throws Exception {
    // Given
    FakeOmega omega = running(AppType.API_WITH_SCHEDULED_JOB);
    // When
    StopFlow.Outcome outcome = omega.stopFlow().run();
    // Then
    assertThat(outcome.task().orElseThrow()).isOff().hasNoRunningJob();
    assertThat(outcome.agent().orElseThrow()).isDead();
    assertThat(omega.prompter.asked())
        .containsSubsequence(Question.STOP_RUNNING_JOB, Question.TERMINATE_AGENT);
    var calls = omega.platform.calls();
    assertThat(calls.indexOf("tasks.disable")).isLessThan(calls.indexOf("agents.stop"));
  }

  @Test
  void aScheduledJobsRunningJobIsLeftRunningWhenTheUserDeclinesButTheTaskIsDisabled()
      throws Exception {
    // Given
    FakeOmega omega = running(AppType.SCHEDULED_JOB);
    omega.prompter.answer(Question.STOP_RUNNING_JOB, false);
    // When
    StopFlow.Outcome outcome = omega.stopFlow().run();
    // Then
    assertThat(outcome.task().orElseThrow()).isOff().hasRunningJob();
    assertThat(omega.platform.calls()).doesNotContain("tasks.stop");
  }

  @Test
  void stoppingAProjectThatNeverRanDoesNothing() throws Exception {
    for (AppType type : AppType.values()) {
      FakeOmega omega = Scenarios.project(type);
      StopFlow.Outcome outcome = omega.stopFlow().run();
      org.assertj.core.api.Assertions.assertThat(outcome.agent()).isEmpty();
      org.assertj.core.api.Assertions.assertThat(outcome.task()).isEmpty();
      org.assertj.core.api.Assertions.assertThat(omega.platform.callCount()).isZero();
    }
  }
}
