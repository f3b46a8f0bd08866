package dev.omega.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where agents' and jobs' processes run: the server's own machine, or a cluster engine. A launched
 * process belongs to no server: it outlives a crash or a restart of the server, and is found again
 * by its {@link RunningProcess} identity, as a host is by its {@link Host} identity. Nothing is
 * kept in memory that a restart would lose. Implementations are threadsafe.
 */
public interface AgentRuntime {
  /**
   * The folder under which the server keeps workspaces and logs; every path of a {@link LaunchSpec}
   * lies under it. A cluster's hosts must see it (a shared folder).
   */
  default Path filesRoot(Path dataDir) {
    return dataDir;
  }

  /**
   * Why {@code resources} could never run here, naming what is offered, or empty when they can. A
   * server refuses such a spec before submitting anything, rather than leave it waiting forever.
   */
  default Optional<String> refusal(Resources resources) {
    return Optional.empty();
  }

  /**
   * Asks for a host with {@code resources} for one agent; returns without waiting for it to be up.
   * {@code dir} is the agent's own folder (under the {@linkplain #filesRoot files root}), where the
   * runtime may keep what it needs.
   */
  Host provision(Resources resources, Path dir) throws IOException;

  /** Whether the host is starting, ready, or ended. */
  HostState state(Host host);

  /**
   * Ends the host and whatever still runs there: SIGTERM, then SIGKILL once {@code grace} has
   * passed. Returns once it is ended. Harmless on a host that already ended.
   */
  void release(Host host, Duration grace) throws InterruptedException;

  /**
   * Starts {@code spec}'s command on a {@linkplain HostState.Ready ready} host, in its own session
   * and process group, its output appended to the spec's log file.
   */
  RunningProcess launch(Host host, LaunchSpec spec) throws IOException;

  /**
   * Starts {@code spec}'s command on a host of its own with {@code resources}, which ends with it
   * (a task's job). It may wait for the host: {@link #state(RunningProcess, LaunchSpec)} says
   * Running meanwhile.
   */
  RunningProcess launchAlone(Resources resources, LaunchSpec spec) throws IOException;

  /**
   * Whether the process still runs (or waits to), ended (with its exit code, when it left one), or
   * vanished.
   */
  ProcessState state(RunningProcess process, LaunchSpec spec);

  /**
   * Stops the whole process group: SIGTERM, then SIGKILL once {@code grace} has passed. Returns
   * once no process of the group is left and {@link #state(RunningProcess, LaunchSpec)} tells how
   * it ended. Harmless on a process that already ended.
   */
  void stop(RunningProcess process, LaunchSpec spec, Duration grace) throws InterruptedException;
}
