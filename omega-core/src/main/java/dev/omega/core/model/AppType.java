package dev.omega.core.model;

import static java.util.Objects.requireNonNull;

/**
 * The five application types of spec 1.3, derived from {@code job_type} and {@code job_schedule}.
 */
public enum AppType {
  /** A Jupyter Lab on an agent. */
  LAB,
  /** An API service on an agent. */
  API,
  /** An API service on an agent plus a scheduled job on a task. */
  API_WITH_SCHEDULED_JOB,
  /** One job run on an agent. */
  ONE_TIME_JOB,
  /** A job run by a task on its schedule. */
  SCHEDULED_JOB;

  /**
   * The application type of a configuration (spec 5.1.2).
   *
   * @throws IllegalArgumentException for a Lab with a schedule, which the spec does not allow
   */
  public static AppType of(JobType jobType, String schedule) {
    requireNonNull(jobType, "jobType");
    boolean scheduled = schedule != null && !schedule.isBlank();
    return switch (jobType) {
      case LAB -> {
        if (scheduled) {
          throw new IllegalArgumentException("a Lab cannot have a job_schedule");
        }
        yield LAB;
      }
      case API -> scheduled ? API_WITH_SCHEDULED_JOB : API;
      case JOB -> scheduled ? SCHEDULED_JOB : ONE_TIME_JOB;
    };
  }

  /** Whether this type runs on an agent (spec 4.2.1). */
  public boolean usesAgent() {
    return this != SCHEDULED_JOB;
  }

  /** Whether this type keeps a task with a schedule (spec 4.2.1). */
  public boolean usesTask() {
    return this == API_WITH_SCHEDULED_JOB || this == SCHEDULED_JOB;
  }
}
