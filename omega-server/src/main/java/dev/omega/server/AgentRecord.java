package dev.omega.server;

import dev.omega.api.Dtos;
import dev.omega.api.WireMapping;
import dev.omega.core.model.AgentId;
import dev.omega.core.model.AgentSpec;
import dev.omega.core.model.AgentStatus;
import dev.omega.core.model.ProcessInfo;
import dev.omega.runtime.Host;
import dev.omega.runtime.LaunchSpec;
import dev.omega.runtime.RunningProcess;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
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
  private Host host;
  private String address;

  /** The record as the database keeps it. */
  record Stored(
      String id,
      String owner,
      Dtos.AgentSpec spec,
      String status,
      String statusSince,
      String createdAt,
      String reason,
      Dtos.Process process,
      Long pid,
      String pidStartedAt,
      StoredLaunch launch,
      String endpoint,
      String processId,
      String host,
      String address) {}

  record StoredLaunch(
      String workspace, String command, Map<String, String> env, String logFile, String exitFile) {}

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

  /** A record read back from the database after a restart, as it was stored. */
  AgentRecord(Stored stored, Path dir, RemoteTree files) {
    this(
        AgentId.parse(stored.id()),
        stored.owner(),
        WireMapping.toModel(stored.spec()),
        dir,
        files,
        Instant.parse(stored.createdAt()));
    status = AgentStatus.valueOf(stored.status());
    statusSince = Instant.parse(stored.statusSince());
    reason = stored.reason();
    process = Optional.ofNullable(stored.process()).map(WireMapping::toModel);
    // Rows written before processId existed hold the local runtime's PID.
    String processId =
        stored.processId() != null
            ? stored.processId()
            : stored.pid() == null ? null : stored.pid().toString();
    if (processId != null) {
      running = new RunningProcess(processId, Instant.parse(stored.pidStartedAt()));
    }
    host = stored.host() == null ? null : new Host(stored.host());
    address = stored.address();
    StoredLaunch l = stored.launch();
    if (l != null) {
      launch =
          new LaunchSpec(
              Path.of(l.workspace()),
              l.command(),
              l.env(),
              Path.of(l.logFile()),
              Path.of(l.exitFile()));
    }
    endpoint = stored.endpoint();
  }

  Stored stored() {
    return new Stored(
        id.toString(),
        owner,
        WireMapping.toDto(spec),
        status.name(),
        statusSince.toString(),
        createdAt.toString(),
        reason,
        process.map(WireMapping::toDto).orElse(null),
        null,
        running == null ? null : running.startedAt().toString(),
        launch == null
            ? null
            : new StoredLaunch(
                launch.workspace().toString(),
                launch.command(),
                launch.env(),
                launch.logFile().toString(),
                launch.exitFile().toString()),
        endpoint,
        running == null ? null : running.id(),
        host == null ? null : host.id(),
        address);
  }

  /** Where the agent's processes run, once asked for. */
  Optional<Host> host() {
    return Optional.ofNullable(host);
  }

  void provisioned(Host host) {
    this.host = host;
  }

  /** The host is up: the agent is IDLE, its processes listening on {@code address}. */
  void ready(String address, Instant now) {
    this.address = address;
    moveTo(AgentStatus.IDLE, now);
  }

  /** Where the agent's processes listen (the node's address), once its host is ready. */
  String address() {
    return address == null ? "127.0.0.1" : address;
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

  /**
   * @param firstLogLine how many lines the log held before the process started
   */
  void started(
      RunningProcess running,
      LaunchSpec launch,
      String endpoint,
      long firstLogLine,
      Optional<String> runId,
      Instant now) {
    this.running = running;
    this.launch = launch;
    this.endpoint = endpoint;
    process = Optional.of(ProcessInfo.running(running.startedAt(), firstLogLine, runId));
    moveTo(AgentStatus.BUSY, now);
  }

  /** The process ended: with its exit code when it left one. */
  void ended(Optional<Integer> exitCode, Instant at) {
    process =
        process.map(
            p ->
                new ProcessInfo(
                    p.startedAt(), Optional.of(at), exitCode, p.firstLogLine(), p.runId()));
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
