package dev.omega.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/** The latest process an agent ran: running while it has no end. */
public record ProcessInfo(
    Instant startedAt, Optional<Instant> endedAt, Optional<Integer> exitCode) {
  public ProcessInfo {
    requireNonNull(startedAt, "startedAt");
    requireNonNull(endedAt, "endedAt");
    requireNonNull(exitCode, "exitCode");
  }

  public static ProcessInfo running(Instant startedAt) {
    return new ProcessInfo(startedAt, Optional.empty(), Optional.empty());
  }

  public ProcessInfo ended(Instant at, int code) {
    return new ProcessInfo(startedAt, Optional.of(at), Optional.of(code));
  }

  public boolean isRunning() {
    return endedAt.isEmpty();
  }
}
