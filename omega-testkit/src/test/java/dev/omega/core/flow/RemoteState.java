package dev.omega.core.flow;

import dev.omega.core.config.OmegaConfig;
import dev.omega.core.model.AgentId;
import dev.omega.core.model.AgentSpec;
import dev.omega.core.model.AgentStatus;
import dev.omega.core.model.AppType;
import dev.omega.core.model.JobStatus;
import dev.omega.core.model.TaskId;
import dev.omega.core.model.TaskSpec;
import dev.omega.core.model.TaskStatus;
import dev.omega.testkit.FakeOmega;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One reachable state of a project's agent and task on the platform, and how to put a fresh fake in
 * it. "Recorded" means the id is in the configuration but the platform never created it (the client
 * died between the two). Entities a previous run got going hold the project's files.
 */
record RemoteState(AppType type, AgentState agent, TaskState task) {
  enum AgentState {
    NONE,
    RECORDED,
    INIT,
    IDLE,
    BUSY,
    DEAD
  }

  enum TaskState {
    NONE,
    RECORDED,
    OFF,
    OFF_JOB_RUNNING,
    OFF_JOB_STOPPED,
    ON,
    ON_JOB_CREATED,
    ON_JOB_RUNNING,
    ON_JOB_STOPPED
  }

  static final AgentId AGENT = AgentId.parse("00000000-0000-0000-0000-0000000000a1");
  static final TaskId TASK = TaskId.parse("00000000-0000-0000-0000-0000000000b1");

  /** Every reachable state for every application type. */
  static List<RemoteState> all() {
    List<RemoteState> states = new ArrayList<>();
    for (AppType type : AppType.values()) {
      List<AgentState> agents =
          type.usesAgent() ? List.of(AgentState.values()) : List.of(AgentState.NONE);
      List<TaskState> tasks =
          type.usesTask() ? List.of(TaskState.values()) : List.of(TaskState.NONE);
      for (AgentState agent : agents) {
        for (TaskState task : tasks) {
          states.add(new RemoteState(type, agent, task));
        }
      }
    }
    return states;
  }

  FakeOmega seed() {
    FakeOmega omega = Scenarios.project(type);
    OmegaConfig config = omega.config.current();
    if (agent != AgentState.NONE) {
      config = config.withAgentId(AGENT);
    }
    if (task != TaskState.NONE) {
      config = config.withTaskId(TASK);
    }
    omega.config.save(config);
    seedAgent(omega, config);
    seedTask(omega, config);
    return omega;
  }

  private void seedAgent(FakeOmega omega, OmegaConfig config) {
    Optional<AgentStatus> status =
        switch (agent) {
          case NONE, RECORDED -> Optional.empty();
          case INIT -> Optional.of(AgentStatus.INIT);
          case IDLE -> Optional.of(AgentStatus.IDLE);
          case BUSY -> Optional.of(AgentStatus.BUSY);
          case DEAD -> Optional.of(AgentStatus.DEAD);
        };
    status.ifPresent(
        s -> {
          omega.platform.seedAgent(
              AGENT,
              new AgentSpec(
                  config.jobType(), config.computeSize(), config.diskSize(), config.storage()),
              s);
          if (s == AgentStatus.IDLE || s == AgentStatus.BUSY) {
            omega
                .workspace
                .contents()
                .forEach((path, bytes) -> omega.platform.putAgentFile(AGENT, path, bytes));
          }
        });
  }

  private void seedTask(FakeOmega omega, OmegaConfig config) {
    if (task == TaskState.NONE || task == TaskState.RECORDED) {
      return;
    }
    TaskStatus status = task.name().startsWith("ON") ? TaskStatus.ON : TaskStatus.OFF;
    Optional<JobStatus> job =
        switch (task) {
          case OFF_JOB_RUNNING, ON_JOB_RUNNING -> Optional.of(JobStatus.RUNNING);
          case OFF_JOB_STOPPED, ON_JOB_STOPPED -> Optional.of(JobStatus.STOPPED);
          case ON_JOB_CREATED -> Optional.of(JobStatus.CREATED);
          default -> Optional.empty();
        };
    String command = config.jobCommand() != null ? config.jobCommand() : config.command();
    omega.platform.seedTask(
        TASK,
        new TaskSpec(
            config.jobType(),
            config.jobSchedule(),
            command,
            config.computeSize(),
            config.diskSize(),
            config.storage(),
            Map.of("MODE", "test")),
        status,
        job);
    if (status == TaskStatus.ON) {
      omega
          .workspace
          .contents()
          .forEach((path, bytes) -> omega.platform.putTaskFile(TASK, path, bytes));
    }
  }

  @Override
  public String toString() {
    return type + " agent=" + agent + " task=" + task;
  }
}
