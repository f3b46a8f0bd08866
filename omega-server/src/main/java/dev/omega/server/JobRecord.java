package dev.omega.server;

import dev.omega.api.Dtos;
import dev.omega.api.WireMapping;
import dev.omega.core.model.JobStatus;
import dev.omega.core.model.JobTrigger;
import dev.omega.core.sync.Snapshot;
import dev.omega.runtime.LaunchSpec;
import dev.omega.runtime.RunningProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * One run of a task's command (spec 3.3). Its status moves only through the core's {@link
 * JobStatus}; callers hold the task's monitor while they read or change it.
 */
final class JobRecord {
  final String id;
  final JobTrigger trigger;

  /** What started it, in words, for the task log: "a manual run", "the schedule's 03:00"... */
  final String origin;

  final Instant createdAt;

  /**
   * Its folder: the fresh workspace, the exit file. Emptied once the job is STOPPED, and kept as
   * the task's spare for its next job ({@link JobFiles#retire}).
   */
  final Path dir;

  private JobStatus status = JobStatus.CREATED;
  private Instant startedAt;
  private Instant endedAt;
  private Integer exitCode;
  private RunningProcess running;
  private LaunchSpec launch;
  private Snapshot baseline = Snapshot.empty();

  /** The record as the database keeps it. */
  record Stored(
      String id,
      String trigger,
      String origin,
      String createdAt,
      String status,
      String startedAt,
      String endedAt,
      Integer exitCode,
      Long pid,
      String pidStartedAt,
      AgentRecord.StoredLaunch launch,
      Dtos.Snapshot baseline,
      String processId) {}

  JobRecord(String id, JobTrigger trigger, String origin, Instant createdAt, Path dir) {
    this.id = id;
    this.trigger = trigger;
    this.origin = origin;
    this.createdAt = createdAt;
    this.dir = dir;
  }

  /** A job read back from the database after a restart, as it was stored. */
  JobRecord(Stored stored, Path dir) {
    this(
        stored.id(),
        JobTrigger.valueOf(stored.trigger()),
        stored.origin(),
        Instant.parse(stored.createdAt()),
        dir);
    status = JobStatus.valueOf(stored.status());
    startedAt = parse(stored.startedAt());
    endedAt = parse(stored.endedAt());
    exitCode = stored.exitCode();
    // Rows written before processId existed hold the local runtime's PID.
    String processId =
        stored.processId() != null
            ? stored.processId()
            : stored.pid() == null ? null : stored.pid().toString();
    if (processId != null) {
      running = new RunningProcess(processId, Instant.parse(stored.pidStartedAt()));
    }
    AgentRecord.StoredLaunch l = stored.launch();
    if (l != null) {
      launch =
          new LaunchSpec(
              Path.of(l.workspace()),
              l.command(),
              l.env(),
              Path.of(l.logFile()),
              Path.of(l.exitFile()));
    }
    if (stored.baseline() != null) {
      baseline = WireMapping.toModel(stored.baseline());
    }
  }

  Stored stored() {
    return new Stored(
        id,
        trigger.name(),
        origin,
        createdAt.toString(),
        status.name(),
        text(startedAt),
        text(endedAt),
        exitCode,
        null,
        running == null ? null : running.startedAt().toString(),
        launch == null
            ? null
            : new AgentRecord.StoredLaunch(
                launch.workspace().toString(),
                launch.command(),
                launch.env(),
                launch.logFile().toString(),
                launch.exitFile().toString()),
        // Only a running job needs what it started from, to write back what it changed.
        status == JobStatus.RUNNING ? WireMapping.toDto(baseline) : null,
        running == null ? null : running.id());
  }

  JobStatus status() {
    return status;
  }

  Path workspace() {
    return JobFiles.workspace(dir);
  }

  Path exitFile() {
    return JobFiles.exitFile(dir);
  }

  /**
   * Whether its launch had begun: making its folder is the launch's first step, so a CREATED job
   * that has one may have started.
   */
  boolean launchBegun() {
    return Files.exists(dir);
  }

  /** Its process started in a workspace that held {@code baseline}. */
  void started(RunningProcess process, LaunchSpec spec, Snapshot copied, Instant now) {
    status = status.transitionTo(JobStatus.RUNNING);
    running = process;
    launch = spec;
    baseline = copied;
    startedAt = now;
  }

  /** Its process ended, with its exit code when it left one; or it never started. */
  void ended(Optional<Integer> code, Instant at) {
    status = status.transitionTo(JobStatus.STOPPED);
    exitCode = code.orElse(null);
    endedAt = at;
    running = null;
    baseline = Snapshot.empty();
  }

  /** When its process started (as the runtime tells), on the server's clock; null before. */
  Instant startedAt() {
    return startedAt;
  }

  Optional<RunningProcess> running() {
    return Optional.ofNullable(running);
  }

  LaunchSpec launch() {
    return launch;
  }

  Snapshot baseline() {
    return baseline;
  }

  Dtos.Job view() {
    return new Dtos.Job(
        id,
        status.name(),
        trigger.name().toLowerCase(Locale.ROOT),
        text(startedAt),
        text(endedAt),
        exitCode);
  }

  private static Instant parse(String text) {
    return text == null ? null : Instant.parse(text);
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
