package dev.omega.runtime;

import java.time.Instant;

/** Where a launched process stands. */
public sealed interface ProcessState {
  /** It runs. */
  record Running() implements ProcessState {}

  /** It ended with this exit code (128 + the signal's number when a signal ended it). */
  record Exited(int exitCode, Instant at) implements ProcessState {}

  /** It is gone and left no exit code (killed with its wrapper, or the machine restarted). */
  record Vanished() implements ProcessState {}
}
