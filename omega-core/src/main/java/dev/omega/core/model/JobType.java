package dev.omega.core.model;

import java.util.Locale;
import java.util.Optional;

/** The {@code job_type} of a project (spec 5.1.1), read case-insensitively. */
public enum JobType {
  /** A Jupyter Lab. */
  LAB,
  /** A long-running API service. */
  API,
  /** A computation that runs to its end. */
  JOB;

  /** Parses {@code lab}, {@code LAB}, {@code Lab}...; empty when the text names no job type. */
  public static Optional<JobType> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(valueOf(text.strip().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException notAJobType) {
      return Optional.empty();
    }
  }

  /** The spelling used in the configuration file. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
