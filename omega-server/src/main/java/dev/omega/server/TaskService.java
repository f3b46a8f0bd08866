package dev.omega.server;

import dev.omega.api.Dtos;
import dev.omega.api.WireMapping;
import dev.omega.core.cron.CronSchedule;
import dev.omega.core.cron.InvalidCronException;
import dev.omega.core.model.JobTrigger;
import dev.omega.core.model.JobType;
import dev.omega.core.model.LogPage;
import dev.omega.core.model.TaskId;
import dev.omega.core.model.TaskSpec;
import dev.omega.core.model.TaskStatus;
import dev.omega.core.sync.Snapshot;
import dev.omega.runtime.AgentRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tasks of every user (spec 3.2, 3.3): created OFF under the client's id, fired by the {@link
 * TaskScheduler} while ON, their jobs run by the {@link JobRunner}, their files in a task cache
 * that SYNC_TASK syncs with (spec 4.3.5.2). This class is threadsafe.
 */
final class TaskService implements AutoCloseable {
  /** Where schedules are evaluated; the wire has no way yet for a task to name another zone. */
  static final ZoneId ZONE = ZoneId.of("UTC");

  private final ServerSettings settings;
  private final AgentRuntime runtime;
  private final Path files;
  private final Database db;
  private final Clock clock;
  private final Map<TaskId, TaskRecord> tasks = new ConcurrentHashMap<>();
  private final JobRunner jobs;
  private final TaskScheduler scheduler;

  /**
   * Reads back every task the database holds with its latest job, adopts running jobs, then starts
   * the scheduler, which catches up on times missed while the server was down.
   */
  TaskService(ServerSettings settings, AgentRuntime runtime, Database db, Clock clock) {
    this.settings = settings;
    this.runtime = runtime;
    this.files = runtime.filesRoot(settings.dataDir());
    this.db = db;
    this.clock = clock;
    Map<String, String> latestJobs = db.latestJobs();
    for (String json : db.tasks()) {
      TaskRecord.Stored stored = Json.read(json, TaskRecord.Stored.class);
      TaskId id = TaskId.parse(stored.id());
      Path dir = dir(id);
      String jobJson = latestJobs.get(stored.id());
      JobRecord job = null;
      if (jobJson != null) {
        JobRecord.Stored storedJob = Json.read(jobJson, JobRecord.Stored.class);
        job = new JobRecord(storedJob, dir.resolve("jobs").resolve(storedJob.id()));
      }
      TaskRecord record = new TaskRecord(stored, dir, tree(id, dir, stored.spec().diskSize()), job);
      tasks.put(record.id, record);
    }
    this.jobs = new JobRunner(settings, runtime, db, clock, tasks::values);
    this.scheduler = new TaskScheduler(tasks::values, jobs, clock, settings.catchUpWindow());
    jobs.start();
    scheduler.start();
  }

  /** The task, and whether this call created it. */
  record Created(Dtos.Task task, boolean created) {}

  Created create(String user, TaskId id, Dtos.TaskSpec dto) {
    TaskSpec spec = check(dto);
    ZoneId zone = zone(dto.timezone());
    TaskRecord existing = tasks.get(id);
    if (existing != null) {
      if (!existing.owner.equals(user)) {
        throw ApiProblem.conflict("id-taken", "task id " + id + " is taken; choose another UUID");
      }
      if (!existing.spec.equals(spec) || !existing.zone.equals(zone)) {
        throw ApiProblem.conflict(
            "spec-mismatch",
            "task " + id + " exists with another spec; choose a new id for a new task");
      }
      synchronized (existing) {
        return new Created(existing.view(), false);
      }
    }
    Path dir = dir(id);
    TaskRecord record =
        new TaskRecord(
            id, user, spec, zone, dir, tree(id, dir, spec.diskSizeGb()), clock.instant());
    record.makeFolders();
    TaskRecord raced = tasks.putIfAbsent(id, record);
    if (raced != null) {
      return create(user, id, dto);
    }
    synchronized (record) {
      jobs.save(record);
      return new Created(record.view(), true);
    }
  }

  Dtos.Task get(String user, TaskId id) {
    TaskRecord record = find(user, id);
    synchronized (record) {
      return record.view();
    }
  }

  List<Dtos.Task> list(String user) {
    return tasks.values().stream()
        .filter(t -> t.owner.equals(user))
        .sorted(Comparator.comparing(t -> t.createdAt))
        .map(
            t -> {
              synchronized (t) {
                return t.view();
              }
            })
        .toList();
  }

  /** OFF to ON; the schedule counts from now. Harmless on ON. */
  Dtos.Task enable(String user, TaskId id) {
    TaskRecord record = find(user, id);
    synchronized (record) {
      if (record.status() == TaskStatus.OFF) {
        record.enable(clock.instant());
        jobs.save(record);
      }
    }
    scheduler.wake();
    return get(user, id);
  }

  /** ON to OFF; a running job goes on. Harmless on OFF. */
  Dtos.Task disable(String user, TaskId id) {
    TaskRecord record = find(user, id);
    synchronized (record) {
      if (record.status() == TaskStatus.ON) {
        record.disable(clock.instant());
        jobs.save(record);
      }
      return record.view();
    }
  }

  /** Starts a job now, ON or OFF; 409 while one is on its way or running. */
  Dtos.Task run(String user, TaskId id) {
    TaskRecord record = find(user, id);
    JobRecord job;
    synchronized (record) {
      if (record.jobActive()) {
        throw ApiProblem.conflict(
            "illegal-transition",
            "task "
                + id
                + " has job "
                + record.job().id
                + " "
                + record.job().status()
                + "; stop it or wait for it to end before running another");
      }
      job = jobs.create(record, JobTrigger.MANUAL, "manual run");
    }
    jobs.launch(record, job);
    return get(user, id);
  }

  /** Stops the running job and records its end; harmless when none runs. */
  Dtos.Task stop(String user, TaskId id) throws InterruptedException {
    TaskRecord record = find(user, id);
    jobs.stop(record);
    return get(user, id);
  }

  RemoteTree files(String user, TaskId id) {
    return find(user, id).files;
  }

  LogPage logs(String user, TaskId id, long offset, int limit) {
    TaskRecord record = find(user, id);
    boolean jobWriting;
    synchronized (record) {
      jobWriting = record.jobRunning();
    }
    return record.log.page(offset, limit, jobWriting);
  }

  @Override
  public void close() {
    scheduler.close();
    jobs.close();
  }

  /** The wire's spec as the core's, every field checked: a 400 names the field that is wrong. */
  /** The task's zone: UTC unless it names one (spec: evaluated in UTC unless told otherwise). */
  private static ZoneId zone(String timezone) {
    if (timezone == null || timezone.isBlank()) {
      return ZONE;
    }
    try {
      return ZoneId.of(timezone);
    } catch (java.time.DateTimeException e) {
      throw ApiProblem.badRequest(
          "timezone: '"
              + timezone
              + "' is not a time zone; use a name such as Europe/Berlin, or leave it out for UTC");
    }
  }

  private TaskSpec check(Dtos.TaskSpec dto) {
    JobType type =
        JobType.parse(dto.jobType())
            .orElseThrow(
                () ->
                    ApiProblem.badRequest(
                        "job_type: '" + dto.jobType() + "' is not a task's; use api or job"));
    if (type == JobType.LAB) {
      throw ApiProblem.badRequest("job_type: a lab has no scheduled job; use api or job");
    }
    if (dto.jobSchedule() == null || dto.jobSchedule().isBlank()) {
      throw ApiProblem.badRequest(
          "job_schedule: a task needs a cron schedule, such as '0 3 * * *' for 03:00 UTC daily");
    }
    try {
      CronSchedule.parse(dto.jobSchedule());
    } catch (InvalidCronException e) {
      throw ApiProblem.badRequest("job_schedule: " + e.getMessage());
    }
    if (dto.command() == null || dto.command().isBlank()) {
      throw ApiProblem.badRequest("command: a task needs the shell command its jobs run");
    }
    if (dto.computeSize() == null || dto.computeSize().isBlank()) {
      throw ApiProblem.badRequest("compute_size is missing");
    }
    if (dto.diskSize() <= 0) {
      throw ApiProblem.badRequest("disk_size must be a positive number of GB");
    }
    if (dto.env() != null && dto.env().containsValue(null)) {
      throw ApiProblem.badRequest("env: every variable needs a value (an empty one is fine)");
    }
    TaskSpec spec = WireMapping.toModel(dto);
    CatalogCheck.check(settings, runtime, spec.computeSize(), spec.diskSizeGb(), spec.storage());
    return spec;
  }

  private TaskRecord find(String user, TaskId id) {
    TaskRecord record = tasks.get(id);
    if (record == null || !record.owner.equals(user)) {
      throw ApiProblem.notFound("task " + id);
    }
    return record;
  }

  private Path dir(TaskId id) {
    return files.resolve("tasks").resolve(id.toString());
  }

  private RemoteTree tree(TaskId id, Path dir, int diskSizeGb) {
    String key = "task/" + id;
    Snapshot agreed =
        db.tree(key)
            .map(json -> WireMapping.toModel(Json.read(json, Dtos.Snapshot.class)))
            .orElse(Snapshot.empty());
    RemoteTree tree =
        new RemoteTree(
            dir.resolve("cache"),
            dir.resolve("uploads"),
            ((long) diskSizeGb) << 30,
            Set.of(StorageLinks.FOLDER),
            agreed,
            snapshot -> db.putTree(key, Json.write(WireMapping.toDto(snapshot))));
    try {
      Files.createDirectories(dir.resolve("cache"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the cache of task " + id, e);
    }
    return tree;
  }
}
