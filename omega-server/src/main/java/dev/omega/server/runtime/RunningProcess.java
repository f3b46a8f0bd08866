package dev.omega.server.runtime;

import java.time.Instant;

/**
 * A launched process, identified so that it can be found again after a server restart: its PID
 * (also its process group's id) and its start time, which tells it from a later process that reused
 * the PID.
 */
public record RunningProcess(long pid, Instant startedAt) {}
