package dev.omega.runtime.slurm;

import dev.omega.runtime.LaunchSpec;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code launch.sh} of a run request: enters the workspace and execs the command with exactly
 * the spec's environment (plus the server's PATH and HOME when the spec lacks them), every signal
 * at its default disposition where {@code env} can reset them (GNU coreutils 8.31 and later): a
 * command started in the background of a non-interactive shell would otherwise ignore SIGINT.
 */
final class LaunchScript {
  private LaunchScript() {}

  static String of(LaunchSpec spec, String path, String home) {
    Map<String, String> env = new TreeMap<>(spec.env());
    env.putIfAbsent("PATH", path);
    env.putIfAbsent("HOME", home);
    StringBuilder assignments = new StringBuilder();
    for (Map.Entry<String, String> variable : env.entrySet()) {
      assignments.append(' ').append(quote(variable.getKey() + "=" + variable.getValue()));
    }
    String run = assignments + " /bin/sh -c " + quote(spec.command());
    return "cd "
        + quote(spec.workspace().toAbsolutePath().toString())
        + " || exit 126\n"
        + "if env --default-signal true 2>/dev/null; then\n"
        + "  exec env --default-signal -i"
        + run
        + "\nfi\n"
        + "exec env -i"
        + run
        + "\n";
  }

  /** {@code text} as one single-quoted shell word. */
  static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }
}
