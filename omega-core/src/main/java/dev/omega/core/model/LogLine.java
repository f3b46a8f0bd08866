package dev.omega.core.model;

import static java.util.Objects.requireNonNull;

/** One line of output; offsets increase by one per line, with no gaps, from 0. */
public record LogLine(long offset, String text) {
  public LogLine {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative, was " + offset);
    }
    requireNonNull(text, "text");
  }
}
