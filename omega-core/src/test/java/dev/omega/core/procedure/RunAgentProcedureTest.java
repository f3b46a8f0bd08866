package dev.omega.core.procedure;

import static dev.omega.core.model.AgentStatus.BUSY;
import static dev.omega.core.model.AgentStatus.DEAD;
import static dev.omega.core.model.AgentStatus.IDLE;
import static dev.omega.core.model.AgentStatus.INIT;
import static dev.omega.core.procedure.Views.AGENT;
import static dev.omega.core.procedure.Views.agent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.omega.core.model.ProcessInfo;
import dev.omega.core.procedure.RunAgentProcedure.Action;
import dev.omega.core.procedure.RunAgentProcedure.Await;
import dev.omega.core.procedure.RunAgentProcedure.Create;
import dev.omega.core.procedure.RunAgentProcedure.Done;
import dev.omega.core.procedure.RunAgentProcedure.Fail;
import dev.omega.core.procedure.RunAgentProcedure.NewAgent;
import dev.omega.core.procedure.RunAgentProcedure.Progress;
import dev.omega.core.procedure.RunAgentProcedure.Start;
import dev.omega.core.procedure.RunAgentProcedure.Sync;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Spec 4.3.1 as a table: observed state and progress in, next action out. */
class RunAgentProcedureTest {
  private static final Progress FRESH = Progress.START;
  private static final Progress ALIVE = new Progress(true, false, false);
  private static final Progress SYNCED = new Progress(true, true, false);
  private static final Progress STARTED = new Progress(true, true, true);

  private static Action decide(Optional<dev.omega.core.model.AgentView> observed, Progress p) {
    return RunAgentProcedure.decide(Optional.of(AGENT), observed, p);
  }

  @Test
  void withoutAnIdInTheConfigurationANewAgentIsChosen() {
    assertThat(RunAgentProcedure.decide(Optional.empty(), Optional.empty(), FRESH))
        .isInstanceOf(NewAgent.class);
  }

  @Test
  void aRecordedIdThePlatformDoesNotKnowIsCreatedUnderThatId() {
    assertThat(decide(Optional.empty(), FRESH)).isEqualTo(new Create(AGENT));
  }

  @Test
  void anAgentThatVanishesAfterItWasSeenEndsTheProcedure() {
    assertThat(decide(Optional.empty(), ALIVE)).isInstanceOf(Fail.class);
  }

  @Test
  void initIsWaitedOut() {
    assertThat(decide(agent(INIT), FRESH)).isInstanceOf(Await.class);
  }

  @Test
  void anIdleAgentWhoseLastProcessWasThisRunsJobIsDoneNotStartedAgain() {
    Optional<String> run = Optional.of("run-1");
    var ended =
        agent(IDLE)
            .map(
                a ->
                    new dev.omega.core.model.AgentView(
                        a.id(),
                        a.status(),
                        a.spec(),
                        Optional.of(
                            new ProcessInfo(
                                Instant.EPOCH, Optional.of(Instant.EPOCH), Optional.of(0), 0, run)),
                        a.endpoint(),
                        a.reason()));
    assertThat(RunAgentProcedure.decide(Optional.of(AGENT), ended, FRESH, run))
        .isInstanceOf(Done.class);
    assertThat(RunAgentProcedure.decide(Optional.of(AGENT), ended, ALIVE, Optional.of("run-2")))
        .isInstanceOf(Sync.class);
    assertThat(RunAgentProcedure.decide(Optional.of(AGENT), ended, ALIVE, Optional.empty()))
        .isInstanceOf(Sync.class);
  }

  @Test
  void idleIsSyncedThenStartedThenDone() {
    assertThat(decide(agent(IDLE), ALIVE)).isInstanceOf(Sync.class);
    assertThat(decide(agent(IDLE), SYNCED)).isInstanceOf(Start.class);
    assertThat(decide(agent(IDLE), STARTED)).isInstanceOf(Done.class);
  }

  @Test
  void busyIsAlreadyRunning() {
    assertThat(decide(agent(BUSY), FRESH)).isInstanceOf(Done.class);
  }

  @Test
  void aDeadAgentFoundAtTheStartIsReplacedByANewOne() {
    assertThat(decide(agent(DEAD), FRESH)).isInstanceOf(NewAgent.class);
  }

  @Test
  void anAgentDyingDuringTheWaitEndsItWithTheReason() {
    assertThat(decide(agent(DEAD), ALIVE))
        .isInstanceOfSatisfying(
            Fail.class, f -> assertThat(f.message()).contains("died").contains("out of memory"));
  }
}
