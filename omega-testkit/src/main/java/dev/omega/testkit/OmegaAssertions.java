package dev.omega.testkit;

import dev.omega.core.model.AgentView;
import dev.omega.core.model.TaskView;
import org.assertj.core.api.Assertions;

/** Entry point for AssertJ assertions on Omega's types, beside AssertJ's own. */
public class OmegaAssertions extends Assertions {
  public static AgentViewAssert assertThat(AgentView actual) {
    return new AgentViewAssert(actual);
  }

  public static TaskViewAssert assertThat(TaskView actual) {
    return new TaskViewAssert(actual);
  }
}
