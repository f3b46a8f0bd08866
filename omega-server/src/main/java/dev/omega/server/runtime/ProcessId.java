package dev.omega.server.runtime;

import java.time.Instant;
import java.util.Optional;

/**
 * A local process's id as the server stores it: {@code PID/LAUNCHER_PID/LAUNCHER_START_MILLIS}, or
 * a bare {@code PID} (a process started before jobs had a launcher).
 */
record ProcessId(long pid, Optional<JobLauncher.Identity> launcher) {
  static ProcessId parse(String id) {
    String[] parts = id.split("/");
    try {
      if (parts.length == 1) {
        return new ProcessId(Long.parseLong(parts[0]), Optional.empty());
      }
      if (parts.length == 3) {
        JobLauncher.Identity launcher =
            new JobLauncher.Identity(
                Long.parseLong(parts[1]), Instant.ofEpochMilli(Long.parseLong(parts[2])));
        return new ProcessId(Long.parseLong(parts[0]), Optional.of(launcher));
      }
    } catch (NumberFormatException e) {
      // named below
    }
    throw new IllegalArgumentException("not a local process's id: " + id);
  }

  @Override
  public String toString() {
    return launcher
        .map(l -> pid + "/" + l.pid() + "/" + l.startedAt().toEpochMilli())
        .orElse(Long.toString(pid));
  }
}
