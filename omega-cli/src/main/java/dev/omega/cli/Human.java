package dev.omega.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Short human forms of durations, sizes and instants: "0.8 s", "1.2 MiB", "2026-11-27 07:30:00
 * UTC".
 */
final class Human {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

  private Human() {}

  /** In the user's time zone, to the second. */
  static String time(Instant instant) {
    return TIME.format(instant.atZone(ZoneId.systemDefault()));
  }

  static String duration(Duration d) {
    long millis = d.toMillis();
    if (millis < 10_000) {
      return String.format("%.1f s", millis / 1000.0);
    }
    long seconds = d.toSeconds();
    return seconds < 120 ? seconds + " s" : seconds / 60 + " min " + seconds % 60 + " s";
  }

  static String bytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format("%.1f %s", value, units[unit]);
  }
}
