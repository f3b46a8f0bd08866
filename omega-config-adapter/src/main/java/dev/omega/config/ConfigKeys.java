package dev.omega.config;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The keys of {@code .omega/config.yaml}, in the order they are written. */
final class ConfigKeys {
  static final List<String> ALL =
      List.of(
          "job_type",
          "job_schedule",
          "command",
          "job_command",
          "compute_size",
          "disk_size",
          "storage",
          "env_type",
          "env_file",
          "env_values",
          "server",
          "apikey",
          "agent_id",
          "task_id",
          "run_id");

  private ConfigKeys() {}

  /** The valid key closest to a misspelt one, when one is close enough to be a likely typo. */
  static Optional<String> nearest(String unknown) {
    return ALL.stream()
        .min(Comparator.comparingInt(key -> distance(unknown, key)))
        .filter(key -> distance(unknown, key) <= Math.max(2, key.length() / 3));
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
