package dev.omega.runtime;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Map;

/**
 * What to run and where.
 *
 * @param command a shell command, run with {@code /bin/sh -c}
 * @param env the process's whole environment, beside a minimal PATH and HOME
 * @param logFile stdout and stderr are appended here, by the process itself, not through the server
 * @param exitFile where the exit code is written when the process ends
 */
public record LaunchSpec(
    Path workspace, String command, Map<String, String> env, Path logFile, Path exitFile) {
  public LaunchSpec {
    requireNonNull(workspace, "workspace");
    requireNonNull(command, "command");
    env = Map.copyOf(env);
    requireNonNull(logFile, "logFile");
    requireNonNull(exitFile, "exitFile");
  }
}
