package dev.omega.core.port;

import dev.omega.core.model.LogLine;
import java.time.Duration;
import java.util.Optional;

/** What the procedures tell the user as they go. */
public sealed interface ConsoleEvent {
  /** A step begins or ends: "Creating agent 1f2e...". */
  record Step(String message) implements ConsoleEvent {}

  /**
   * The platform reported a new status: {@code subject} is e.g. "agent 1f2e...", {@code from} is
   * empty at the first observation.
   */
  record StatusChanged(String subject, Optional<String> from, String to) implements ConsoleEvent {}

  /** A sync is about to move {@code files} files of {@code bytes} bytes in all. */
  record TransferPlanned(int files, long bytes) implements ConsoleEvent {}

  /** Still waiting for a remote state. */
  record Waiting(String forWhat, String currentState) implements ConsoleEvent {}

  /** A call failed transiently and is retried after {@code delay}. */
  record Retrying(String call, int attempt, Duration delay, String cause) implements ConsoleEvent {}

  /** One file moved or deleted by a sync. */
  record FileSynced(SyncDirection direction, String path, long bytes) implements ConsoleEvent {}

  /** A local version lost a conflict and was kept at {@code keptAt}. */
  record ConflictKept(String path, String keptAt) implements ConsoleEvent {}

  /** A line of the application's output. */
  record Log(LogLine line) implements ConsoleEvent {}

  /** Something the user should know that does not stop the flow. */
  record Warning(String message) implements ConsoleEvent {}

  /** Which way a sync moved a file. */
  enum SyncDirection {
    /** Local to remote. */
    UPLOAD,
    /** Remote to local. */
    DOWNLOAD,
    /** Deleted locally. */
    DELETE_LOCAL,
    /** Deleted remotely. */
    DELETE_REMOTE
  }
}
