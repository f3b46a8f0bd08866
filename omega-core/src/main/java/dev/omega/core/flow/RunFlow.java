package dev.omega.core.flow;

import dev.omega.core.config.OmegaConfig;
import dev.omega.core.model.AgentView;
import dev.omega.core.model.AppType;
import dev.omega.core.model.ProcessInfo;
import dev.omega.core.model.TaskView;
import dev.omega.core.port.ConsoleEvent;
import dev.omega.core.procedure.Procedures;
import java.util.Optional;

/** The Run Flow (spec 4.2.1): starts the application according to its type. */
public final class RunFlow {
  /**
   * @param follow whether to stream the logs of an API or a job until its process ends
   */
  public record Request(boolean follow) {}

  /** Where the application stands once started. */
  public record Outcome(AppType appType, Optional<AgentView> agent, Optional<TaskView> task) {}

  private final Procedures procedures;

  public RunFlow(Procedures procedures) {
    this.procedures = procedures;
  }

  public Outcome run(Request request) throws InterruptedException {
    OmegaConfig config = Configs.loadValid(procedures.ports().config());
    // The environment is read up front: a missing or broken env file stops the run before the
    // platform is asked for anything.
    procedures.ports().config().environment(config);
    AppType type = config.appType();
    return switch (type) {
      case LAB -> new Outcome(type, Optional.of(runAgent()), Optional.empty());
      case API -> {
        AgentView agent = runAgent();
        follow(request, agent);
        yield new Outcome(type, Optional.of(agent), Optional.empty());
      }
      case ONE_TIME_JOB -> {
        AgentView agent = runAgent();
        if (!request.follow()) {
          yield new Outcome(type, Optional.of(agent), Optional.empty());
        }
        follow(request, agent);
        yield new Outcome(type, Optional.of(finish(agent)), Optional.empty());
      }
      case API_WITH_SCHEDULED_JOB -> {
        AgentView agent = runAgent();
        TaskView task = runTask();
        follow(request, agent);
        yield new Outcome(type, Optional.of(agent), Optional.of(task));
      }
      case SCHEDULED_JOB -> new Outcome(type, Optional.empty(), Optional.of(runTask()));
    };
  }

  // Each procedure reloads the configuration: the one before it may have recorded a new id.
  private AgentView runAgent() throws InterruptedException {
    return procedures.runAgent(Configs.loadValid(procedures.ports().config())).run();
  }

  private TaskView runTask() throws InterruptedException {
    return procedures.runTask(Configs.loadValid(procedures.ports().config())).run();
  }

  /**
   * A one-time job followed to its end: brings its outputs home, then forgets the run, so that the
   * next omega run starts a new one. Returns the agent as the job left it.
   */
  private AgentView finish(AgentView agent) throws InterruptedException {
    new SyncFlow(procedures).run();
    OmegaConfig config = Configs.loadValid(procedures.ports().config());
    if (config.runId() != null) {
      procedures.ports().config().save(config.withRunId(null));
    }
    return procedures
        .observe("inspect the agent", () -> procedures.ports().agents().inspect(agent.id()))
        .orElse(agent);
  }

  /** Follows the output of the agent's latest process only: the log also holds earlier ones. */
  private void follow(Request request, AgentView agent) throws InterruptedException {
    if (request.follow()) {
      OmegaConfig config = Configs.loadValid(procedures.ports().config());
      procedures
          .ports()
          .console()
          .show(
              new ConsoleEvent.Step(
                  "Following the logs of agent "
                      + config.agentId()
                      + " (Ctrl+C stops following; the process keeps running)"));
      procedures
          .watchAgentLogs(config)
          .followFrom(agent.process().map(ProcessInfo::firstLogLine).orElse(0L));
    }
  }
}
