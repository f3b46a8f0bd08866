package dev.omega.core.flow;

import dev.omega.core.config.ConfigValidator;
import dev.omega.core.config.OmegaConfig;
import dev.omega.core.model.AgentStatus;
import dev.omega.core.model.AgentView;
import dev.omega.core.model.TaskStatus;
import dev.omega.core.model.TaskView;
import dev.omega.core.port.ConsoleEvent.Warning;
import dev.omega.core.procedure.ProcedureFailedException;
import dev.omega.core.procedure.Procedures;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The Config Flow (spec 5.2): validates a change and saves it, only while nothing runs. The new
 * settings take effect at the next run. Nothing is saved when the change is refused.
 */
public final class ConfigFlow {
  private final Procedures procedures;

  public ConfigFlow(Procedures procedures) {
    this.procedures = procedures;
  }

  /**
   * Applies {@code change} to the current configuration (an empty one when there is none).
   *
   * @return the configuration as saved
   * @throws dev.omega.core.config.InvalidConfigException listing every problem of the result
   * @throws ProcedureFailedException while an agent's process or a task runs (spec 5.2.1)
   */
  public OmegaConfig apply(UnaryOperator<OmegaConfig> change) throws InterruptedException {
    Optional<OmegaConfig> saved = procedures.ports().config().load();
    OmegaConfig current = saved.orElse(OmegaConfig.empty());
    OmegaConfig desired =
        change.apply(current).withAgentId(current.agentId()).withTaskId(current.taskId());
    ConfigValidator.requireValid(desired);
    desired = checkAgent(current, desired);
    desired = checkTask(current, desired);
    if (saved.isEmpty() || !saved.get().equals(desired)) {
      procedures.ports().config().save(desired); // the same settings again write nothing
    }
    return desired;
  }

  private OmegaConfig checkAgent(OmegaConfig current, OmegaConfig desired)
      throws InterruptedException {
    if (current.agentId() == null) {
      return desired;
    }
    Optional<AgentView> agent =
        procedures.observe(
            "inspect the agent", () -> procedures.ports().agents().inspect(current.agentId()));
    if (agent.isEmpty() || agent.get().status() == AgentStatus.DEAD) {
      return desired;
    }
    if (agent.get().status() == AgentStatus.BUSY) {
      throw new ProcedureFailedException(
          "agent "
              + current.agentId()
              + " is running a process, and the configuration cannot change while it runs. Stop it"
              + " with omega stop, then configure.");
    }
    if (!sameAgentSettings(current, desired)) {
      throw new ProcedureFailedException(
          "agent "
              + current.agentId()
              + " was made with the current job_type, compute_size, disk_size and storage and is"
              + " still up. Terminate it with omega stop (answer yes), then configure.");
    }
    return desired;
  }

  private OmegaConfig checkTask(OmegaConfig current, OmegaConfig desired)
      throws InterruptedException {
    if (current.taskId() == null) {
      return desired;
    }
    Optional<TaskView> task =
        procedures.observe(
            "inspect the task", () -> procedures.ports().tasks().inspect(current.taskId()));
    if (task.isEmpty()) {
      return desired;
    }
    if (task.get().status() == TaskStatus.ON || task.get().hasRunningJob()) {
      throw new ProcedureFailedException(
          "task "
              + current.taskId()
              + " is ON, and the configuration cannot change while it runs. Stop it with omega"
              + " stop, then configure.");
    }
    if (sameTaskSettings(current, desired)) {
      return desired;
    }
    // A task keeps the settings it was made with; the next run makes a new one.
    procedures
        .ports()
        .console()
        .show(
            new Warning(
                "task "
                    + current.taskId()
                    + " keeps its old settings and stays OFF; the next omega run creates a new"
                    + " task."));
    return desired.withTaskId(null);
  }

  private static boolean sameAgentSettings(OmegaConfig a, OmegaConfig b) {
    return a.jobType() == b.jobType()
        && Objects.equals(a.computeSize(), b.computeSize())
        && Objects.equals(a.diskSize(), b.diskSize())
        && a.storage().equals(b.storage());
  }

  private static boolean sameTaskSettings(OmegaConfig a, OmegaConfig b) {
    return sameAgentSettings(a, b)
        && Objects.equals(a.jobSchedule(), b.jobSchedule())
        && Objects.equals(a.command(), b.command())
        && Objects.equals(a.jobCommand(), b.jobCommand())
        && a.envValues().equals(b.envValues())
        && Objects.equals(a.envFile(), b.envFile());
  }
}
