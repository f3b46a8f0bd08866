package dev.omega.core.model;

import java.util.Set;

/** One run of a task's command (spec 3.3). */
public enum JobStatus {
  /** Made, its process not yet started. */
  CREATED,
  /** Its process runs. */
  RUNNING,
  /** Completed or stopped; terminal. */
  STOPPED;

  /**
   * The moves allowed out of this status; a job stopped before it started goes straight to STOPPED.
   */
  public Set<JobStatus> successors() {
    return switch (this) {
      case CREATED -> Set.of(RUNNING, STOPPED);
      case RUNNING -> Set.of(STOPPED);
      case STOPPED -> Set.of();
    };
  }

  public boolean canTransitionTo(JobStatus next) {
    return successors().contains(next);
  }

  /**
   * Checks that the move is legal and returns the new status.
   *
   * @throws IllegalTransitionException when the move is not allowed
   */
  public JobStatus transitionTo(JobStatus next) {
    if (!canTransitionTo(next)) {
      throw new IllegalTransitionException("job", this, next);
    }
    return next;
  }
}
