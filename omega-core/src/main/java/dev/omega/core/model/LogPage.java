package dev.omega.core.model;

import java.util.List;

/**
 * A page of stored log lines.
 *
 * @param nextOffset where the next page starts; a page with no lines means the end was reached
 */
public record LogPage(List<LogLine> lines, long nextOffset) {
  public LogPage {
    lines = List.copyOf(lines);
  }

  public boolean isEnd() {
    return lines.isEmpty();
  }
}
