package dev.omega.core.procedure;

import dev.omega.core.model.AgentId;
import dev.omega.core.model.AgentSpec;
import dev.omega.core.model.AgentStatus;
import dev.omega.core.model.AgentView;
import dev.omega.core.model.JobStatus;
import dev.omega.core.model.JobTrigger;
import dev.omega.core.model.JobType;
import dev.omega.core.model.JobView;
import dev.omega.core.model.TaskId;
import dev.omega.core.model.TaskSpec;
import dev.omega.core.model.TaskStatus;
import dev.omega.core.model.TaskView;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Views of remote states, for the decision tables. */
final class Views {
  static final AgentId AGENT = AgentId.parse("00000000-0000-0000-0000-00000000000a");
  static final TaskId TASK = TaskId.parse("00000000-0000-0000-0000-00000000000b");

  private Views() {}

  static Optional<AgentView> agent(AgentStatus status) {
    return Optional.of(
        new AgentView(
            AGENT,
            status,
            new AgentSpec(JobType.API, "cpu-1", 1, List.of()),
            Optional.empty(),
            Optional.empty(),
            status == AgentStatus.DEAD ? Optional.of("out of memory") : Optional.empty()));
  }

  static Optional<TaskView> task(TaskStatus status, Optional<JobStatus> job) {
    return Optional.of(
        new TaskView(
            TASK,
            status,
            new TaskSpec(JobType.JOB, "@daily", "train", "cpu-1", 1, List.of(), Map.of()),
            Optional.empty(),
            job.map(
                s ->
                    new JobView(
                        "job-1",
                        s,
                        JobTrigger.SCHEDULE,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty()))));
  }
}
