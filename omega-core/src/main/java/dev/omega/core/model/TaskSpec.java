package dev.omega.core.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/** What a task is made with: the job it runs, on which schedule, with which resources. */
public record TaskSpec(
    JobType jobType,
    String schedule,
    String command,
    String computeSize,
    int diskSizeGb,
    List<String> storage,
    Map<String, String> env) {
  public TaskSpec {
    requireNonNull(jobType, "jobType");
    requireNonNull(schedule, "schedule");
    requireNonNull(command, "command");
    requireNonNull(computeSize, "computeSize");
    if (diskSizeGb <= 0) {
      throw new IllegalArgumentException("diskSizeGb must be positive, was " + diskSizeGb);
    }
    storage = List.copyOf(storage);
    env = Map.copyOf(env);
  }
}
