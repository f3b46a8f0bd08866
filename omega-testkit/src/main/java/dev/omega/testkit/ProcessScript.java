package dev.omega.testkit;

import java.util.List;
import java.util.Map;

/**
 * What a command does on the fake platform.
 *
 * @param lines what it prints
 * @param exitCode how it ends
 * @param keepsRunning a service that runs until stopped; its log stream ends as if the user pressed
 *     Ctrl+C after the last line (the stream call is interrupted)
 * @param pollsToFinish for a process that ends: how many inspects it takes to end when nobody
 *     watches it; watching it to its last line ends it at once
 * @param outputs files it writes into the agent's workspace or the task cache when it ends
 */
public record ProcessScript(
    List<String> lines,
    int exitCode,
    boolean keepsRunning,
    int pollsToFinish,
    Map<String, String> outputs) {
  public ProcessScript {
    lines = List.copyOf(lines);
    outputs = Map.copyOf(outputs);
  }

  /** A job that prints {@code lines} and exits with {@code exitCode}. */
  public static ProcessScript job(int exitCode, String... lines) {
    return new ProcessScript(List.of(lines), exitCode, false, 2, Map.of());
  }

  /** A service that prints {@code lines} and runs until stopped. */
  public static ProcessScript service(String... lines) {
    return new ProcessScript(List.of(lines), 0, true, 0, Map.of());
  }

  /** The same, taking {@code polls} inspects to end when nobody watches it. */
  public ProcessScript lasting(int polls) {
    return new ProcessScript(lines, exitCode, keepsRunning, polls, outputs);
  }

  public ProcessScript writing(Map<String, String> files) {
    return new ProcessScript(lines, exitCode, keepsRunning, pollsToFinish, files);
  }
}
