package dev.omega.server.runtime;

import java.io.IOException;
import java.time.Duration;

/**
 * Where agents' processes run: the server's own machine now, a cluster engine later. A launched
 * process belongs to no server: it outlives a crash or a restart of the server, and is found again
 * by its {@link RunningProcess} identity. Implementations are threadsafe.
 */
public interface AgentRuntime {
  /**
   * Starts {@code spec}'s command in its own session and process group, its output appended to the
   * spec's log file; when it ends, its exit code is written to the spec's exit file.
   */
  RunningProcess launch(LaunchSpec spec) throws IOException;

  /**
   * Whether the process still runs, ended (with its exit code, when the exit file has it), or
   * vanished.
   */
  ProcessState state(RunningProcess process, LaunchSpec spec);

  /**
   * Stops the whole process group: SIGTERM, then SIGKILL once {@code grace} has passed. Returns
   * once no process of the group is left. Harmless on a process that already ended.
   */
  void stop(RunningProcess process, Duration grace) throws InterruptedException;
}
