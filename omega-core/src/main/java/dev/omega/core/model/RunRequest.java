package dev.omega.core.model;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/**
 * What agent/run starts: a shell command (none for a Lab, whose command is the platform's) and its
 * environment.
 */
public record RunRequest(
    Optional<String> command, Map<String, String> env, Optional<String> runId) {
  public RunRequest {
    requireNonNull(command, "command");
    requireNonNull(runId, "runId");
    env = Map.copyOf(env);
  }

  /** A request with no run id. */
  public RunRequest(Optional<String> command, Map<String, String> env) {
    this(command, env, Optional.empty());
  }
}
