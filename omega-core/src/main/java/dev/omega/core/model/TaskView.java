package dev.omega.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/** A task as the platform reports it: its status, its next fire and its latest job. */
public record TaskView(
    TaskId id,
    TaskStatus status,
    TaskSpec spec,
    Optional<Instant> nextRunAt,
    Optional<JobView> latestJob) {
  public TaskView {
    requireNonNull(id, "id");
    requireNonNull(status, "status");
    requireNonNull(spec, "spec");
    requireNonNull(nextRunAt, "nextRunAt");
    requireNonNull(latestJob, "latestJob");
  }

  /** Whether a job of this task runs now. */
  public boolean hasRunningJob() {
    return latestJob.map(JobView::isRunning).orElse(false);
  }
}
