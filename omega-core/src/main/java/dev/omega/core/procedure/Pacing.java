package dev.omega.core.procedure;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How the procedures wait and retry.
 *
 * @param pollInitial the first pause of a wait; each further pause grows by half, up to pollMax
 * @param waitDeadline how long one remote state may last before a wait gives up
 * @param retryInitial the first backoff of a retried call; it doubles, with jitter, up to retryMax
 * @param retryDeadline how long a call may keep failing transiently before it gives up
 * @param logPageSize how many stored log lines one call fetches
 */
public record Pacing(
    Duration pollInitial,
    Duration pollMax,
    Duration waitDeadline,
    Duration retryInitial,
    Duration retryMax,
    Duration retryDeadline,
    int logPageSize) {
  public Pacing {
    requireNonNull(pollInitial, "pollInitial");
    requireNonNull(pollMax, "pollMax");
    requireNonNull(waitDeadline, "waitDeadline");
    requireNonNull(retryInitial, "retryInitial");
    requireNonNull(retryMax, "retryMax");
    requireNonNull(retryDeadline, "retryDeadline");
    if (logPageSize < 1) {
      throw new IllegalArgumentException("logPageSize must be positive, was " + logPageSize);
    }
  }

  /** Suits a platform across the internet; an agent may take minutes to start. */
  public static Pacing defaults() {
    return new Pacing(
        Duration.ofMillis(200),
        Duration.ofSeconds(5),
        Duration.ofMinutes(15),
        Duration.ofMillis(500),
        Duration.ofSeconds(30),
        Duration.ofMinutes(5),
        1000);
  }
}
