package dev.omega.server.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** One reading of {@code /proc/<pid>/stat}: the fields the local runtime needs. */
record ProcStat(long pid, char state, long pgrp, long session, long startTicks) {
  /** How far apart two readings of one process's start time may be (clock ticks, boot time). */
  static final Duration START_TIME_TOLERANCE = Duration.ofSeconds(2);

  /** The process at {@code pid} now, if there is one. */
  static Optional<ProcStat> read(long pid) {
    String line;
    try {
      line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), UTF_8);
    } catch (IOException e) {
      return Optional.empty();
    }
    // pid (comm) state ppid pgrp session ... starttime (the 22nd); comm may hold spaces and ().
    int close = line.lastIndexOf(')');
    if (close < 0) {
      return Optional.empty();
    }
    String[] fields = line.substring(close + 1).trim().split(" ");
    if (fields.length < 20 || fields[0].isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new ProcStat(
              pid,
              fields[0].charAt(0),
              Long.parseLong(fields[2]),
              Long.parseLong(fields[3]),
              Long.parseLong(fields[19])));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  boolean zombie() {
    return state == 'Z' || state == 'X' || state == 'x';
  }

  Instant startedAt() {
    return ProcessClock.startOf(startTicks);
  }

  /**
   * Whether this is the process that started at {@code startedAt}, not a later one with its PID.
   */
  boolean startedNear(Instant startedAt) {
    return Duration.between(startedAt(), startedAt).abs().compareTo(START_TIME_TOLERANCE) <= 0;
  }
}
