package dev.omega.server.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A process's start time from {@code /proc/<pid>/stat} (clock ticks since boot) as an instant. The
 * boot instant is this JVM's clock less {@code /proc/uptime}, to within a tick, where {@code btime}
 * of {@code /proc/stat} (what {@code ProcessHandle.Info} uses) drops the fraction of a second. Both
 * counts are cut to whole ticks, so a start time is at most two ticks early, never late. The boot
 * instant is taken again each second: the wall clock may be slewed or set while the server runs,
 * and start times are compared with times read from it.
 */
final class ProcessClock {
  /** USER_HZ: 100 on every Linux the server runs on. */
  private static final long TICKS_PER_SECOND = 100;

  private static final long REFRESH_NANOS = 1_000_000_000L;

  /** The boot instant in epoch milliseconds, and when it was taken (System.nanoTime). */
  private record Boot(long millis, long takenAt) {}

  private static volatile Boot boot = boot();

  private ProcessClock() {}

  static Instant startOf(long ticksSinceBoot) {
    Boot now = boot;
    if (System.nanoTime() - now.takenAt() > REFRESH_NANOS) {
      now = boot();
      boot = now;
    }
    return Instant.ofEpochMilli(now.millis() + ticksSinceBoot * 1000 / TICKS_PER_SECOND);
  }

  private static Boot boot() {
    try {
      long takenAt = System.nanoTime();
      long now = System.currentTimeMillis();
      String uptime = Files.readString(Path.of("/proc/uptime"), UTF_8).trim().split(" ")[0];
      long tick = 1000 / TICKS_PER_SECOND;
      return new Boot(now - Math.round(Double.parseDouble(uptime) * 1000) - tick, takenAt);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot read /proc/uptime: " + e.getMessage(), e);
    }
  }
}
