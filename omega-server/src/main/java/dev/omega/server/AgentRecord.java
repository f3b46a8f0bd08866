package dev.omega.server;

import dev.omega.api.Dtos;
import dev.omega.api.WireMapping;
import dev.omega.core.model.AgentId;
import dev.omega.core.model.AgentSpec;
import dev.omega.core.model.AgentStatus;
import dev.omega.core.model.ProcessInfo;
import dev.omega.server.runtime.LaunchSpec;
import dev.omega.server.runtime.RunningProcess;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * One agent as the server keeps it. Its status moves only through the core's {@link AgentStatus};
 * callers hold the record's monitor while they read or change it.
 */
final class AgentRecord {
  final AgentId id;
  final String owner;
  final AgentSpec spec;
  final Path dir;
  final RemoteTree files;
  final LogFile log;
  final Instant createdAt;
  private AgentStatus status = AgentStatus.INIT;
  private Instant statusSince;
  private String reason;
  private Optional<ProcessInfo> process = Optional.empty();
  private RunningProcess running;
  private LaunchSpec launch;
  private String endpoint;

  AgentRecord(AgentId id, String owner, AgentSpec spec, Path dir, RemoteTree files, Instant now) {
    this.id = id;
    this.owner = owner;
    this.spec = spec;
    this.dir = dir;
    this.files = files;
    this.log = new LogFile(dir.resolve("output.log"));
    this.createdAt = now;
    this.statusSince = now;
  }

  Path workspace() {
    return dir.resolve("workspace");
  }

  Path logFile() {
    return dir.resolve("output.log");
  }

  AgentStatus status() {
    return status;
  }

  void moveTo(AgentStatus next, Instant now) {
    status = status.transitionTo(next);
    statusSince = now;
  }

  void died(String why, Instant now) {
    reason = why;
    moveTo(AgentStatus.DEAD, now);
  }

  void started(RunningProcess running, LaunchSpec launch, String endpoint, Instant now) {
    this.running = running;
    this.launch = launch;
    this.endpoint = endpoint;
    process = Optional.of(ProcessInfo.running(running.startedAt()));
    moveTo(AgentStatus.BUSY, now);
  }

  /** The process ended: with its exit code when it left one. */
  void ended(Optional<Integer> exitCode, Instant at) {
    process = process.map(p -> new ProcessInfo(p.startedAt(), Optional.of(at), exitCode));
    running = null;
    endpoint = null;
    moveTo(AgentStatus.IDLE, at);
  }

  Optional<RunningProcess> running() {
    return Optional.ofNullable(running);
  }

  LaunchSpec launch() {
    return launch;
  }

  boolean processEnded() {
    return running == null;
  }

  Dtos.Agent view() {
    return new Dtos.Agent(
        id.toString(),
        status.name(),
        spec.jobType().configName(),
        spec.computeSize(),
        spec.diskSizeGb(),
        spec.storage(),
        createdAt.toString(),
        statusSince.toString(),
        process.map(WireMapping::toDto).orElse(null),
        endpoint,
        reason,
        false);
  }
}
