package dev.omega.core.flow;

import dev.omega.core.config.OmegaConfig;
import dev.omega.core.model.AgentView;
import dev.omega.core.model.AppType;
import dev.omega.core.model.TaskView;
import dev.omega.core.procedure.Procedures;
import java.util.Optional;

/** The Stop Flow (spec 4.2.2): stops the application according to its type. */
public final class StopFlow {
  /** How the application was left: the agent IDLE or DEAD, the task OFF, or none. */
  public record Outcome(AppType appType, Optional<AgentView> agent, Optional<TaskView> task) {}

  private final Procedures procedures;

  public StopFlow(Procedures procedures) {
    this.procedures = procedures;
  }

  public Outcome run() throws InterruptedException {
    OmegaConfig config = Configs.loadValid(procedures.ports().config());
    AppType type = config.appType();
    return switch (type) {
      case LAB, API, ONE_TIME_JOB ->
          new Outcome(type, procedures.stopAgent(config).run(), Optional.empty());
      case API_WITH_SCHEDULED_JOB -> {
        Optional<TaskView> task = procedures.stopTask(config).run();
        Optional<AgentView> agent = procedures.stopAgent(config).run();
        yield new Outcome(type, agent, task);
      }
      case SCHEDULED_JOB -> new Outcome(type, Optional.empty(), procedures.stopTask(config).run());
    };
  }
}
