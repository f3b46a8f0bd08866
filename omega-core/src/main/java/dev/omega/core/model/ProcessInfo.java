package dev.omega.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * The latest process an agent ran: running while it has no end.
 *
 * @param firstLogLine the offset of its first line in the agent's log, which holds the output of
 *     every process the agent ran
 * @param runId the run id the client sent with the start, if any
 */
public record ProcessInfo(
    Instant startedAt,
    Optional<Instant> endedAt,
    Optional<Integer> exitCode,
    long firstLogLine,
    Optional<String> runId) {
  public ProcessInfo {
    requireNonNull(startedAt, "startedAt");
    requireNonNull(endedAt, "endedAt");
    requireNonNull(exitCode, "exitCode");
    requireNonNull(runId, "runId");
    if (firstLogLine < 0) {
      throw new IllegalArgumentException("firstLogLine must not be negative, was " + firstLogLine);
    }
  }

  public static ProcessInfo running(Instant startedAt, long firstLogLine, Optional<String> runId) {
    return new ProcessInfo(startedAt, Optional.empty(), Optional.empty(), firstLogLine, runId);
  }

  public ProcessInfo ended(Instant at, int code) {
    return new ProcessInfo(startedAt, Optional.of(at), Optional.of(code), firstLogLine, runId);
  }

  public boolean isRunning() {
    return endedAt.isEmpty();
  }
}
