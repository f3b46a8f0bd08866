package dev.omega.core.model;

import java.util.Set;

/** The agent's lifecycle (spec 3.1). */
public enum AgentStatus {
  /** Setting up; not yet responsive. */
  INIT,
  /** Responsive, no process running. */
  IDLE,
  /** Responsive, a process running. */
  BUSY,
  /** Terminated; terminal. */
  DEAD;

  /** The moves spec 3.1 allows out of this status. */
  public Set<AgentStatus> successors() {
    return switch (this) {
      case INIT -> Set.of(IDLE, DEAD);
      case IDLE -> Set.of(BUSY, DEAD);
      case BUSY -> Set.of(IDLE, DEAD);
      case DEAD -> Set.of();
    };
  }

  public boolean canTransitionTo(AgentStatus next) {
    return successors().contains(next);
  }

  /**
   * Checks that the move is legal and returns the new status.
   *
   * @throws IllegalTransitionException when spec 3.1 does not allow it
   */
  public AgentStatus transitionTo(AgentStatus next) {
    if (!canTransitionTo(next)) {
      throw new IllegalTransitionException("agent", this, next);
    }
    return next;
  }

  /** IDLE and BUSY agents answer; INIT and DEAD do not (spec 3.1). */
  public boolean isResponsive() {
    return this == IDLE || this == BUSY;
  }
}
