package dev.omega.core.model;

import static dev.omega.core.model.AgentStatus.BUSY;
import static dev.omega.core.model.AgentStatus.DEAD;
import static dev.omega.core.model.AgentStatus.IDLE;
import static dev.omega.core.model.AgentStatus.INIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AgentStatusTest {
  private static final Set<String> LEGAL =
      Set.of("INIT>IDLE", "INIT>DEAD", "IDLE>BUSY", "BUSY>IDLE", "IDLE>DEAD", "BUSY>DEAD");

  @ParameterizedTest
  @EnumSource(AgentStatus.class)
  void exactlyTheTransitionsOfSpec31AreLegal(AgentStatus from) {
    for (AgentStatus to : AgentStatus.values()) {
      boolean legal = LEGAL.contains(from + ">" + to);
      assertThat(from.canTransitionTo(to)).as(from + " -> " + to).isEqualTo(legal);
      if (legal) {
        assertThat(from.transitionTo(to)).isEqualTo(to);
      } else {
        assertThatThrownBy(() -> from.transitionTo(to))
            .isInstanceOfSatisfying(
                IllegalTransitionException.class,
                e -> {
                  assertThat(e.machine()).isEqualTo("agent");
                  assertThat(e.from()).isEqualTo(from.name());
                  assertThat(e.to()).isEqualTo(to.name());
                });
      }
    }
  }

  @Test
  void deadIsTerminal() {
    assertThat(DEAD.successors()).isEmpty();
  }

  @Test
  void onlyIdleAndBusyAgentsAreResponsive() {
    assertThat(IDLE.isResponsive()).isTrue();
    assertThat(BUSY.isResponsive()).isTrue();
    assertThat(INIT.isResponsive()).isFalse();
    assertThat(DEAD.isResponsive()).isFalse();
  }
}
