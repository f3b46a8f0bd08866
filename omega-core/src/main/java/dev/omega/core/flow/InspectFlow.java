package dev.omega.core.flow;

import dev.omega.core.config.OmegaConfig;
import dev.omega.core.model.AgentView;
import dev.omega.core.model.AppType;
import dev.omega.core.model.TaskView;
import dev.omega.core.procedure.Procedures;
import java.util.List;
import java.util.Optional;

/** The Inspect Flow: what the platform says of the project's agent and task, or of everything. */
public final class InspectFlow {
  public record Project(AppType appType, Optional<AgentView> agent, Optional<TaskView> task) {}

  /** Everything the caller owns on the platform, to find what is left running. */
  public record Everything(List<AgentView> agents, List<TaskView> tasks) {}

  private final Procedures procedures;

  public InspectFlow(Procedures procedures) {
    this.procedures = procedures;
  }

  public Project project() throws InterruptedException {
    OmegaConfig config = Configs.loadValid(procedures.ports().config());
    Optional<AgentView> agent =
        config.agentId() == null
            ? Optional.empty()
            : procedures.observe(
                "inspect the agent", () -> procedures.ports().agents().inspect(config.agentId()));
    Optional<TaskView> task =
        config.taskId() == null
            ? Optional.empty()
            : procedures.observe(
                "inspect the task", () -> procedures.ports().tasks().inspect(config.taskId()));
    return new Project(config.appType(), agent, task);
  }

  public Everything everything() throws InterruptedException {
    return new Everything(
        procedures.observe("list the agents", () -> procedures.ports().agents().list()),
        procedures.observe("list the tasks", () -> procedures.ports().tasks().list()));
  }
}
