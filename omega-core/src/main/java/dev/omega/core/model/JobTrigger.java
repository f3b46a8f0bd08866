package dev.omega.core.model;

/** What started a task's job. */
public enum JobTrigger {
  /** The task's schedule fired. */
  SCHEDULE,
  /** Someone asked for a run now (task/run). */
  MANUAL
}
