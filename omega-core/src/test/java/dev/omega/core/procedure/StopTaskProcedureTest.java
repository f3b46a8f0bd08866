package dev.omega.core.procedure;

import static dev.omega.core.model.TaskStatus.OFF;
import static dev.omega.core.model.TaskStatus.ON;
import static dev.omega.core.procedure.Views.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.omega.core.model.JobStatus;
import dev.omega.core.procedure.StopTaskProcedure.AskToStopJob;
import dev.omega.core.procedure.StopTaskProcedure.Await;
import dev.omega.core.procedure.StopTaskProcedure.Disable;
import dev.omega.core.procedure.StopTaskProcedure.Done;
import dev.omega.core.procedure.StopTaskProcedure.Progress;
import dev.omega.core.procedure.StopTaskProcedure.StopJob;
import dev.omega.core.procedure.StopTaskProcedure.Sync;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Spec 4.3.4 as a table. */
class StopTaskProcedureTest {
  private static final Progress FRESH = Progress.START;

  @Test
  void noTaskOrAnOffOneWithoutARunningJobLeavesNothingToDo() {
    assertThat(StopTaskProcedure.decide(Optional.empty(), FRESH)).isInstanceOf(Done.class);
    assertThat(StopTaskProcedure.decide(task(OFF, Optional.empty()), FRESH))
        .isInstanceOf(Done.class);
    assertThat(StopTaskProcedure.decide(task(OFF, Optional.of(JobStatus.STOPPED)), FRESH))
        .isInstanceOf(Done.class);
  }

  @Test
  void aJobStillRunningOnAnOffTaskIsOfferedAStopToo() {
    var offRunning = task(OFF, Optional.of(JobStatus.RUNNING));
    assertThat(StopTaskProcedure.decide(offRunning, FRESH)).isInstanceOf(AskToStopJob.class);
    assertThat(
            StopTaskProcedure.decide(
                offRunning, new Progress(Optional.of(true), false, false, false)))
        .isInstanceOf(StopJob.class);
    assertThat(
            StopTaskProcedure.decide(
                offRunning, new Progress(Optional.of(false), false, false, false)))
        .isInstanceOf(Done.class);
  }

  @Test
  void aRunningJobIsStoppedOnlyIfTheUserAgrees() {
    var running = task(ON, Optional.of(JobStatus.RUNNING));
    assertThat(StopTaskProcedure.decide(running, FRESH)).isInstanceOf(AskToStopJob.class);
    assertThat(
            StopTaskProcedure.decide(running, new Progress(Optional.of(true), false, false, false)))
        .isInstanceOf(StopJob.class);
    assertThat(
            StopTaskProcedure.decide(running, new Progress(Optional.of(true), true, false, false)))
        .isInstanceOf(Await.class);
    assertThat(
            StopTaskProcedure.decide(
                running, new Progress(Optional.of(false), false, false, false)))
        .isInstanceOf(Sync.class);
  }

  @Test
  void anOnTaskIsSyncedThenDisabledThenAwaited() {
    var on = task(ON, Optional.of(JobStatus.STOPPED));
    assertThat(StopTaskProcedure.decide(on, FRESH)).isInstanceOf(Sync.class);
    assertThat(StopTaskProcedure.decide(on, new Progress(Optional.empty(), false, true, false)))
        .isInstanceOf(Disable.class);
    assertThat(StopTaskProcedure.decide(on, new Progress(Optional.empty(), false, true, true)))
        .isInstanceOf(Await.class);
  }
}
