package dev.omega.core.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omega.core.model.AppType;
import dev.omega.core.port.ConsoleEvent;
import dev.omega.core.procedure.ProcedureFailedException;
import dev.omega.testkit.FakeOmega;
import dev.omega.testkit.Fault;
import dev.omega.testkit.ProcessScript;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** WATCH_AGENT_LOGS and WATCH_TASK_LOGS (spec 4.3.6): every line once, whatever breaks. */
class WatchFlowTest {
  private static final RunFlow.Request DETACHED = new RunFlow.Request(false);

  private static FakeOmega jobWithLines(int lines) throws InterruptedException {
    FakeOmega omega = Scenarios.project(AppType.ONE_TIME_JOB);
    String[] text = new String[lines];
    for (int i = 0; i < lines; i++) {
      text[i] = "line " + i;
    }
    omega.platform.script("python train.py", ProcessScript.job(0, text).lasting(1_000));
    omega.runFlow().run(DETACHED);
    return omega;
  }

  @Test
  void aStreamCutAfterAnyLineIsResumedWithEveryLineShownExactlyOnce() throws Exception {
    for (int k = 0; k <= 5; k++) {
      // Given
      FakeOmega omega = jobWithLines(5);
      omega.platform.cutWatchAfter(k);
      // When
      omega.watchFlow().run(WatchFlow.Source.DEFAULT);
      // Then
      assertThat(omega.console.logLines())
          .as("cut after %d lines", k)
          .containsExactly(
              "line 0", "line 1", "line 2", "line 3", "line 4", "process exited with code 0");
      assertThat(omega.console.events(ConsoleEvent.Warning.class)).isEmpty();
    }
  }

  @Test
  void aBrokenStreamFallsBackToTheStoredLogsThenReconnects() throws Exception {
    // Given
    FakeOmega omega = jobWithLines(3);
    omega.platform.cutWatchAfter(1);
    // When
    omega.watchFlow().run(WatchFlow.Source.AGENT);
    // Then
    assertThat(omega.platform.calls())
        .containsSubsequence("agents.watch", "agents.logs", "agents.watch");
  }

  @Test
  void aDeadAgentsLogsAreReadFromStorageInPages() throws Exception {
    // Given
    FakeOmega omega = jobWithLines(2500);
    omega.stopFlow().run();
    // When
    long shown = omega.watchFlow().run(WatchFlow.Source.DEFAULT);
    // Then
    assertThat(shown).isEqualTo(2501);
    assertThat(omega.platform.calls()).doesNotContain("agents.watch");
    assertThat(omega.platform.calls().stream().filter("agents.logs"::equals)).hasSize(4);
  }

  @Test
  void aPageThatFailsIsRetriedFromTheLastLineReceived() throws Exception {
    // Given
    FakeOmega omega = jobWithLines(2500);
    omega.stopFlow().run();
    omega.console.clear();
    // the inspect, the first page, then the second page fails
    omega.platform.failCall(3, Fault.networkBefore());
    // When
    omega.watchFlow().run(WatchFlow.Source.DEFAULT);
    // Then
    assertThat(omega.console.logLines()).hasSize(2501).doesNotHaveDuplicates();
  }

  @Test
  void withoutFollowingTheStoredLinesAreShownWithoutAStream() throws Exception {
    // Given: an API still running, its first lines stored
    FakeOmega omega = Scenarios.project(AppType.API);
    omega.runFlow().run(DETACHED);
    // When
    long shown = omega.watchFlow().run(WatchFlow.Source.DEFAULT, false);
    // Then
    assertThat(shown).isEqualTo(1);
    assertThat(omega.console.logLines()).containsExactly("serving on $PORT");
    assertThat(omega.platform.calls()).doesNotContain("agents.watch");
  }

  @Test
  void aTasksLogHistoryIsReadWholeWithEveryJob() throws Exception {
    // Given
    FakeOmega omega = Scenarios.project(AppType.SCHEDULED_JOB);
    omega.runFlow().run(DETACHED);
    var id = omega.config.current().taskId();
    omega.platform.tasks().stop(id);
    omega.platform.fireSchedule(id);
    omega.console.clear();
    // When
    omega.watchFlow().run(WatchFlow.Source.DEFAULT);
    // Then
    assertThat(omega.console.logLines())
        .containsSubsequence(
            "=== job-1 started (manual)",
            "epoch 1",
            "=== job-1 exited with code 143",
            "=== job-2 started (schedule)",
            "epoch 1");
  }

  @Test
  void watchingAProjectThatNeverRanSaysHowToStart() {
    FakeOmega omega = Scenarios.project(AppType.API);
    assertThatThrownBy(() -> omega.watchFlow().run(WatchFlow.Source.DEFAULT))
        .isInstanceOf(ProcedureFailedException.class)
        .hasMessageContaining("omega run");
    FakeOmega scheduled = Scenarios.project(AppType.SCHEDULED_JOB);
    assertThatThrownBy(() -> scheduled.watchFlow().run(WatchFlow.Source.DEFAULT))
        .isInstanceOf(ProcedureFailedException.class)
        .hasMessageContaining("no task");
  }

  @Test
  void tailShowsOnlyTheLastStoredLinesWithoutCallingTheRestLost() throws Exception {
    // Given: a job stopped after 2500 lines, and its exit line
    FakeOmega omega = jobWithLines(2500);
    omega.stopFlow().run();
    omega.console.clear();
    // When
    long shown = omega.watchFlow().run(WatchFlow.Source.DEFAULT, false, OptionalInt.of(3));
    // Then
    assertThat(shown).isEqualTo(3);
    assertThat(omega.console.logLines())
        .containsExactly("line 2498", "line 2499", "process exited with code 143");
    assertThat(omega.console.events(ConsoleEvent.Warning.class)).isEmpty();
  }

  @Test
  void tailThenFollowStreamsOnFromAfterTheTail() throws Exception {
    // Given: a job still running, its lines stored so far
    FakeOmega omega = jobWithLines(5);
    omega.console.clear();
    // When
    omega.watchFlow().run(WatchFlow.Source.DEFAULT, true, OptionalInt.of(2));
    // Then: the last two stored, then the rest of the stream, each once
    assertThat(omega.console.logLines())
        .doesNotHaveDuplicates()
        .endsWith("process exited with code 0");
    assertThat(omega.console.logLines()).doesNotContain("line 0");
    assertThat(omega.console.events(ConsoleEvent.Warning.class)).isEmpty();
  }

  @Test
  void tailOfZeroShowsNothingStoredAndTailLargerThanTheLogShowsItAll() throws Exception {
    FakeOmega omega = jobWithLines(4);
    omega.stopFlow().run();
    omega.console.clear();
    assertThat(omega.watchFlow().run(WatchFlow.Source.DEFAULT, false, OptionalInt.of(0))).isZero();
    assertThat(omega.watchFlow().run(WatchFlow.Source.DEFAULT, false, OptionalInt.of(100)))
        .isEqualTo(5);
  }

  @Test
  void tailOfATasksHistoryShowsItsLastLines() throws Exception {
    // Given
    FakeOmega omega = Scenarios.project(AppType.SCHEDULED_JOB);
    omega.runFlow().run(DETACHED);
    var id = omega.config.current().taskId();
    omega.platform.tasks().stop(id);
    omega.console.clear();
    // When
    omega.watchFlow().run(WatchFlow.Source.TASK, false, OptionalInt.of(1));
    // Then
    assertThat(omega.console.logLines()).containsExactly("=== job-1 exited with code 143");
  }
}
