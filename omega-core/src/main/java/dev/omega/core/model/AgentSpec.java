package dev.omega.core.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** What an agent is made with: its type and resources (spec 5.1.1). */
public record AgentSpec(JobType jobType, String computeSize, int diskSizeGb, List<String> storage) {
  public AgentSpec {
    requireNonNull(jobType, "jobType");
    requireNonNull(computeSize, "computeSize");
    if (diskSizeGb <= 0) {
      throw new IllegalArgumentException("diskSizeGb must be positive, was " + diskSizeGb);
    }
    storage = List.copyOf(storage);
  }
}
