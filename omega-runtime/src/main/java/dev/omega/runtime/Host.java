package dev.omega.runtime;

import static java.util.Objects.requireNonNull;

/**
 * Where one agent's processes run, for the agent's whole life: the server's own machine, or an
 * allocation of a cluster.
 *
 * @param id what the runtime needs to find it again after a server restart (Slurm: the job id and
 *     the host's folder); opaque to the server, which stores it
 */
public record Host(String id) {
  public Host {
    requireNonNull(id, "id");
  }
}
