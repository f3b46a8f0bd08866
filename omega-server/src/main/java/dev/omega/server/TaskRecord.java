package dev.omega.server;

import dev.omega.api.Dtos;
import dev.omega.api.WireMapping;
import dev.omega.core.cron.CronSchedule;
import dev.omega.core.model.JobStatus;
import dev.omega.core.model.TaskId;
import dev.omega.core.model.TaskSpec;
import dev.omega.core.model.TaskStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One task as the server keeps it (spec 3.2): its schedule's cursor, its cache, its log and its
 * latest job. Its status moves only through the core's {@link TaskStatus}; callers hold the
 * record's monitor while they read or change it.
 */
final class TaskRecord {
  final TaskId id;
  final String owner;
  final TaskSpec spec;
  final CronSchedule schedule;
  final ZoneId zone;
  final Path dir;
  final RemoteTree files;
  final TaskLog log;
  final Instant createdAt;

  /** Held while a job's end is recorded, so that it is recorded once. */
  final ReentrantLock finishing = new ReentrantLock();

  /** Whether a thread has been sent to record the end of the job. */
  final AtomicBoolean finishQueued = new AtomicBoolean();

  private TaskStatus status = TaskStatus.OFF;
  private Instant statusSince;
  private Instant cursor;
  private final List<String> pendingNotes = new ArrayList<>();
  private JobRecord job;
  private Optional<Instant> nextDue;

  /** The record as the database keeps it. */
  record Stored(
      String id,
      String owner,
      Dtos.TaskSpec spec,
      String timezone,
      String status,
      String statusSince,
      String createdAt,
      String cursor,
      List<String> pendingNotes) {}

  TaskRecord(
      TaskId id,
      String owner,
      TaskSpec spec,
      ZoneId zone,
      Path dir,
      RemoteTree files,
      Instant now) {
    this.id = id;
    this.owner = owner;
    this.spec = spec;
    this.schedule = CronSchedule.parse(spec.schedule());
    this.zone = zone;
    this.dir = dir;
    this.files = files;
    this.log = new TaskLog(dir.resolve("output.log"));
    this.createdAt = now;
    this.statusSince = now;
  }

  /**
   * Makes the task's empty log, its jobs' folder and a spare folder for its first job when the task
   * is made, so that a job's start, when many are due at once, makes no file or folder.
   */
  void makeFolders() {
    try {
      JobFiles.makeSpare(jobsDir());
      log.create();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the folders of task " + id, e);
    }
  }

  /** Where its jobs' folders are. */
  Path jobsDir() {
    return dir.resolve("jobs");
  }

  /** A record read back from the database after a restart, with its latest job if it has one. */
  TaskRecord(Stored stored, Path dir, RemoteTree files, JobRecord latest) {
    this(
        TaskId.parse(stored.id()),
        stored.owner(),
        WireMapping.toModel(stored.spec()),
        ZoneId.of(stored.timezone()),
        dir,
        files,
        Instant.parse(stored.createdAt()));
    status = TaskStatus.valueOf(stored.status());
    statusSince = Instant.parse(stored.statusSince());
    cursor = stored.cursor() == null ? null : Instant.parse(stored.cursor());
    if (stored.pendingNotes() != null) {
      pendingNotes.addAll(stored.pendingNotes());
    }
    job = latest;
  }

  Stored stored() {
    return new Stored(
        id.toString(),
        owner,
        WireMapping.toDto(spec),
        zone.getId(),
        status.name(),
        statusSince.toString(),
        createdAt.toString(),
        cursor == null ? null : cursor.toString(),
        List.copyOf(pendingNotes));
  }

  TaskStatus status() {
    return status;
  }

  /**
   * OFF to ON. The schedule counts from now: times that passed while the task was OFF never run.
   */
  void enable(Instant now) {
    status = status.transitionTo(TaskStatus.ON);
    statusSince = now;
    dealtWith(now);
  }

  void disable(Instant now) {
    status = status.transitionTo(TaskStatus.OFF);
    statusSince = now;
  }

  /** Every scheduled time up to here has been dealt with. */
  Instant cursor() {
    return cursor;
  }

  /** Moves the cursor forward (never back) to {@code through}. */
  void dealtWith(Instant through) {
    if (cursor == null || through.isAfter(cursor)) {
      cursor = through;
    }
    nextDue = null;
  }

  /** The next scheduled time while ON: empty when OFF or when the schedule never fires again. */
  Optional<Instant> nextDue() {
    if (status != TaskStatus.ON || cursor == null) {
      return Optional.empty();
    }
    if (nextDue == null) {
      nextDue = FireRule.nextDue(schedule, zone, cursor);
    }
    return nextDue;
  }

  JobRecord job() {
    return job;
  }

  void newJob(JobRecord next) {
    job = next;
  }

  /** Whether the latest job's process runs (or is being recorded as ended). */
  boolean jobRunning() {
    return job != null && job.status() == JobStatus.RUNNING;
  }

  /** Whether a job is on its way or running: no other may start. */
  boolean jobActive() {
    return job != null && job.status() != JobStatus.STOPPED;
  }

  /**
   * A line of the server's for the task log. While a job's process writes to the log, it waits
   * until the job's end is recorded, so that it never splits a line of the job's.
   */
  void note(String line) {
    if (jobRunning()) {
      pendingNotes.add(line);
    } else {
      log.append(List.of(line));
    }
  }

  /** The notes that waited for the running job to end. */
  List<String> takeNotes() {
    List<String> notes = List.copyOf(pendingNotes);
    pendingNotes.clear();
    return notes;
  }

  Dtos.Task view() {
    return new Dtos.Task(
        id.toString(),
        status.name(),
        spec.jobType().configName(),
        spec.schedule(),
        zone.getId(),
        spec.command(),
        spec.computeSize(),
        spec.diskSizeGb(),
        spec.storage(),
        spec.env(),
        nextDue().map(Instant::toString).orElse(null),
        job == null ? null : job.view());
  }
}
