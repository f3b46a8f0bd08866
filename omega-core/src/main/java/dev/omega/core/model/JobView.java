package dev.omega.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/** One run of a task's command as the platform reports it (spec 3.3). */
public record JobView(
    String id,
    JobStatus status,
    JobTrigger trigger,
    Optional<Instant> startedAt,
    Optional<Instant> endedAt,
    Optional<Integer> exitCode) {
  public JobView {
    requireNonNull(id, "id");
    requireNonNull(status, "status");
    requireNonNull(trigger, "trigger");
    requireNonNull(startedAt, "startedAt");
    requireNonNull(endedAt, "endedAt");
    requireNonNull(exitCode, "exitCode");
  }

  public boolean isRunning() {
    return status == JobStatus.RUNNING;
  }
}
