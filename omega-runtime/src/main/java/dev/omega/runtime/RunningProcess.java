package dev.omega.runtime;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A launched process, identified so that it can be found again after a server restart.
 *
 * @param id what the runtime needs to find it again (the local runtime: the PID, also its process
 *     group's id; Slurm: the job id and the run's folder); opaque to the server, which stores it
 * @param startedAt when it started, which also tells it from a later process that reused the id
 */
public record RunningProcess(String id, Instant startedAt) {
  public RunningProcess {
    requireNonNull(id, "id");
    requireNonNull(startedAt, "startedAt");
  }
}
