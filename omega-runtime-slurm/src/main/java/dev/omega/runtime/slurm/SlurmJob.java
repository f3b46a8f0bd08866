package dev.omega.runtime.slurm;

import java.util.Set;

/**
 * One line of {@code squeue}: a job's id, its name, its state (PENDING, RUNNING, COMPLETED,
 * CANCELLED, ...) and the node it runs on (empty while pending).
 */
record SlurmJob(String id, String name, String state, String node) {
  /** The states of a job not yet running; the agent is INIT. */
  private static final Set<String> WAITING =
      Set.of("PENDING", "CONFIGURING", "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED", "RESIZING");

  /** The states of a job whose processes may still run. */
  private static final Set<String> LIVE = Set.of("RUNNING", "SUSPENDED", "COMPLETING", "STOPPED");

  boolean waiting() {
    return WAITING.contains(state);
  }

  boolean running() {
    return state.equals("RUNNING");
  }

  /** Whether it is over: neither waiting nor with processes that may still run. */
  boolean over() {
    return !waiting() && !LIVE.contains(state);
  }
}
