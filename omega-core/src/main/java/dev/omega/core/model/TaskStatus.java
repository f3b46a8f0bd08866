package dev.omega.core.model;

/** Whether a task's schedule fires (spec 3.2). */
public enum TaskStatus {
  /** Enabled: the schedule fires. */
  ON,
  /** Disabled: the schedule is paused. */
  OFF;

  public boolean canTransitionTo(TaskStatus next) {
    return this != next;
  }

  /**
   * Checks that the move is legal and returns the new status.
   *
   * @throws IllegalTransitionException for ON to ON or OFF to OFF
   */
  public TaskStatus transitionTo(TaskStatus next) {
    if (!canTransitionTo(next)) {
      throw new IllegalTransitionException("task", this, next);
    }
    return next;
  }
}
