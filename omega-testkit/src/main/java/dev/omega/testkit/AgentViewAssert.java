package dev.omega.testkit;

import dev.omega.core.model.AgentStatus;
import dev.omega.core.model.AgentView;
import org.assertj.core.api.AbstractAssert;

/** AssertJ assertions for an {@link AgentView}: {@code assertThat(agent).isIdle()}. */
public final class AgentViewAssert extends AbstractAssert<AgentViewAssert, AgentView> {
  AgentViewAssert(AgentView actual) {
    super(actual, AgentViewAssert.class);
  }

  public AgentViewAssert hasStatus(AgentStatus status) {
    isNotNull();
    if (actual.status() != status) {
      failWithMessage(
          "expected agent %s to be %s but was %s", actual.id(), status, actual.status());
    }
    return this;
  }

  public AgentViewAssert isInit() {
    return hasStatus(AgentStatus.INIT);
  }

  public AgentViewAssert isIdle() {
    return hasStatus(AgentStatus.IDLE);
  }

  public AgentViewAssert isBusy() {
    return hasStatus(AgentStatus.BUSY);
  }

  public AgentViewAssert isDead() {
    return hasStatus(AgentStatus.DEAD);
  }

  public AgentViewAssert hasExitCode(int code) {
    isNotNull();
    Integer actualCode = actual.process().flatMap(p -> p.exitCode()).orElse(null);
    if (actualCode == null || actualCode != code) {
      failWithMessage(
          "expected agent %s's process to exit with %s but it has %s",
          actual.id(), code, actualCode);
    }
    return this;
  }
}
