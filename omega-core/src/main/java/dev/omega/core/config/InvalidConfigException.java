package dev.omega.core.config;

import java.util.List;
import java.util.stream.Collectors;

/** A configuration with problems; carries every one of them, not just the first. */
public final class InvalidConfigException extends RuntimeException {
  private final List<ConfigProblem> problems;

  public InvalidConfigException(List<ConfigProblem> problems) {
    super(
        "the configuration has "
            + problems.size()
            + (problems.size() == 1 ? " problem:\n  " : " problems:\n  ")
            + problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n  ")));
    this.problems = List.copyOf(problems);
  }

  public List<ConfigProblem> problems() {
    return problems;
  }
}
