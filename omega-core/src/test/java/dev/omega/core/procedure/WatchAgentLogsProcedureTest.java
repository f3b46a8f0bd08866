package dev.omega.core.procedure;

import static dev.omega.core.model.AgentStatus.BUSY;
import static dev.omega.core.model.AgentStatus.DEAD;
import static dev.omega.core.model.AgentStatus.IDLE;
import static dev.omega.core.model.AgentStatus.INIT;
import static dev.omega.core.procedure.Views.AGENT;
import static dev.omega.core.procedure.Views.agent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.omega.core.procedure.WatchAgentLogsProcedure.Await;
import dev.omega.core.procedure.WatchAgentLogsProcedure.Fail;
import dev.omega.core.procedure.WatchAgentLogsProcedure.ReadStored;
import dev.omega.core.procedure.WatchAgentLogsProcedure.Stream;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Spec 4.3.6.1 as a table. */
class WatchAgentLogsProcedureTest {
  @Test
  void responsiveAgentsAreStreamed() {
    assertThat(WatchAgentLogsProcedure.decide(AGENT, agent(IDLE))).isInstanceOf(Stream.class);
    assertThat(WatchAgentLogsProcedure.decide(AGENT, agent(BUSY))).isInstanceOf(Stream.class);
  }

  @Test
  void aDeadAgentsStoredLogsAreReadOnce() {
    assertThat(WatchAgentLogsProcedure.decide(AGENT, agent(DEAD))).isInstanceOf(ReadStored.class);
  }

  @Test
  void initIsWaitedOutAndAnUnknownAgentIsAnError() {
    assertThat(WatchAgentLogsProcedure.decide(AGENT, agent(INIT))).isInstanceOf(Await.class);
    assertThat(WatchAgentLogsProcedure.decide(AGENT, Optional.empty()))
        .isInstanceOfSatisfying(Fail.class, f -> assertThat(f.message()).contains("omega run"));
  }
}
