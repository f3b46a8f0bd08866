package dev.omega.core.config;

import static java.util.Objects.requireNonNull;

/**
 * One thing wrong with a configuration.
 *
 * @param key the configuration key at fault, as written in the file
 * @param problem what is wrong
 * @param fix what the user can do about it
 */
public record ConfigProblem(String key, String problem, String fix) {
  public ConfigProblem {
    requireNonNull(key, "key");
    requireNonNull(problem, "problem");
    requireNonNull(fix, "fix");
  }

  @Override
  public String toString() {
    return key + ": " + problem + " (" + fix + ")";
  }
}
