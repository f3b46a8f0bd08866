package dev.omega.runtime;

import static java.util.Objects.requireNonNull;

/** Where a {@link Host} stands: the agent is INIT, IDLE or BUSY, or DEAD. */
public sealed interface HostState {
  /** Not up yet (Slurm: the job is PENDING or CONFIGURING, or its supervisor has not started). */
  record Starting() implements HostState {}

  /** Up and taking commands; processes there listen on {@code address}. */
  record Ready(String address) implements HostState {
    public Ready {
      requireNonNull(address, "address");
    }
  }

  /** Gone for good, and why (Slurm: the job ended, was cancelled, or is forgotten). */
  record Ended(String reason) implements HostState {
    public Ended {
      requireNonNull(reason, "reason");
    }
  }
}
