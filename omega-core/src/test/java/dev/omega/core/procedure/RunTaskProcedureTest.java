package dev.omega.core.procedure;

import static dev.omega.core.model.TaskStatus.OFF;
import static dev.omega.core.model.TaskStatus.ON;
import static dev.omega.core.procedure.Views.TASK;
import static dev.omega.core.procedure.Views.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.omega.core.model.JobStatus;
import dev.omega.core.procedure.RunTaskProcedure.AskToRunNow;
import dev.omega.core.procedure.RunTaskProcedure.Await;
import dev.omega.core.procedure.RunTaskProcedure.Create;
import dev.omega.core.procedure.RunTaskProcedure.Done;
import dev.omega.core.procedure.RunTaskProcedure.Enable;
import dev.omega.core.procedure.RunTaskProcedure.NewTask;
import dev.omega.core.procedure.RunTaskProcedure.Progress;
import dev.omega.core.procedure.RunTaskProcedure.RunNow;
import dev.omega.core.procedure.RunTaskProcedure.Sync;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Spec 4.3.3 as a table. */
class RunTaskProcedureTest {
  private static final Progress FRESH = Progress.START;
  private static final Progress SYNCED = new Progress(true, false, Optional.empty(), false);

  @Test
  void noTaskIsCreatedUnderTheRecordedIdOrANewOne() {
    assertThat(RunTaskProcedure.decide(Optional.empty(), Optional.empty(), FRESH))
        .isInstanceOf(NewTask.class);
    assertThat(RunTaskProcedure.decide(Optional.of(TASK), Optional.empty(), FRESH))
        .isEqualTo(new Create(TASK));
  }

  @Test
  void anOffTaskIsSyncedThenEnabledThenAwaited() {
    Optional<dev.omega.core.model.TaskView> off = task(OFF, Optional.empty());
    assertThat(RunTaskProcedure.decide(Optional.of(TASK), off, FRESH)).isInstanceOf(Sync.class);
    assertThat(RunTaskProcedure.decide(Optional.of(TASK), off, SYNCED)).isInstanceOf(Enable.class);
    assertThat(
            RunTaskProcedure.decide(
                Optional.of(TASK), off, new Progress(true, true, Optional.empty(), false)))
        .isInstanceOf(Await.class);
  }

  @Test
  void anOnTaskWithARunningJobIsDone() {
    assertThat(
            RunTaskProcedure.decide(
                Optional.of(TASK), task(ON, Optional.of(JobStatus.RUNNING)), FRESH))
        .isInstanceOf(Done.class);
  }

  @Test
  void anOnTaskWithoutARunningJobAsksToRunNowAndFollowsTheAnswer() {
    for (Optional<JobStatus> job :
        java.util.List.of(Optional.<JobStatus>empty(), Optional.of(JobStatus.STOPPED))) {
      var on = task(ON, job);
      assertThat(RunTaskProcedure.decide(Optional.of(TASK), on, FRESH))
          .isInstanceOf(AskToRunNow.class);
      assertThat(
              RunTaskProcedure.decide(
                  Optional.of(TASK), on, new Progress(false, false, Optional.of(true), false)))
          .isInstanceOf(RunNow.class);
      assertThat(
              RunTaskProcedure.decide(
                  Optional.of(TASK), on, new Progress(false, false, Optional.of(false), false)))
          .isInstanceOf(Done.class);
      assertThat(
              RunTaskProcedure.decide(
                  Optional.of(TASK), on, new Progress(false, false, Optional.of(true), true)))
          .isInstanceOf(Done.class);
    }
  }
}
