package dev.omega.core.procedure;

import static dev.omega.core.model.AgentStatus.BUSY;
import static dev.omega.core.model.AgentStatus.DEAD;
import static dev.omega.core.model.AgentStatus.IDLE;
import static dev.omega.core.model.AgentStatus.INIT;
import static dev.omega.core.procedure.Views.agent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.omega.core.model.JobType;
import dev.omega.core.procedure.StopAgentProcedure.AskToTerminate;
import dev.omega.core.procedure.StopAgentProcedure.Await;
import dev.omega.core.procedure.StopAgentProcedure.Done;
import dev.omega.core.procedure.StopAgentProcedure.Kill;
import dev.omega.core.procedure.StopAgentProcedure.Progress;
import dev.omega.core.procedure.StopAgentProcedure.StopProcess;
import dev.omega.core.procedure.StopAgentProcedure.Sync;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Spec 4.3.2 as a table. */
class StopAgentProcedureTest {
  private static final Progress FRESH = Progress.START;
  private static final Progress SYNCED = new Progress(true, true, Optional.empty());

  @Test
  void noAgentOrADeadOneLeavesNothingToDo() {
    assertThat(StopAgentProcedure.decide(JobType.API, Optional.empty(), FRESH))
        .isEqualTo(new Done(Optional.empty()));
    assertThat(StopAgentProcedure.decide(JobType.API, agent(DEAD), FRESH)).isInstanceOf(Done.class);
  }

  @Test
  void initIsWaitedOutBeforeStopping() {
    assertThat(StopAgentProcedure.decide(JobType.API, agent(INIT), FRESH))
        .isInstanceOf(Await.class);
  }

  @Test
  void busyIsStoppedOnceThenAwaited() {
    assertThat(StopAgentProcedure.decide(JobType.API, agent(BUSY), FRESH))
        .isInstanceOf(StopProcess.class);
    assertThat(
            StopAgentProcedure.decide(
                JobType.API, agent(BUSY), new Progress(true, false, Optional.empty())))
        .isInstanceOf(Await.class);
  }

  @Test
  void idleIsSyncedBeforeAnythingElse() {
    assertThat(StopAgentProcedure.decide(JobType.LAB, agent(IDLE), FRESH)).isInstanceOf(Sync.class);
  }

  @Test
  void aSyncedLabIsAlwaysTerminatedWithoutAsking() {
    assertThat(StopAgentProcedure.decide(JobType.LAB, agent(IDLE), SYNCED))
        .isInstanceOf(Kill.class);
  }

  @Test
  void otherTypesAskAndFollowTheAnswer() {
    for (JobType type : new JobType[] {JobType.API, JobType.JOB}) {
      assertThat(StopAgentProcedure.decide(type, agent(IDLE), SYNCED))
          .isInstanceOf(AskToTerminate.class);
      assertThat(
              StopAgentProcedure.decide(
                  type, agent(IDLE), new Progress(true, true, Optional.of(true))))
          .isInstanceOf(Kill.class);
      assertThat(
              StopAgentProcedure.decide(
                  type, agent(IDLE), new Progress(true, true, Optional.of(false))))
          .isInstanceOf(Done.class);
    }
  }
}
