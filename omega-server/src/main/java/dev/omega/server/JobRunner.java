package dev.omega.server;

import dev.omega.core.model.JobStatus;
import dev.omega.core.model.JobTrigger;
import dev.omega.core.sync.Snapshot;
import dev.omega.runtime.AgentRuntime;
import dev.omega.runtime.LaunchSpec;
import dev.omega.runtime.ProcessState;
import dev.omega.runtime.RunningProcess;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks' jobs on the {@link AgentRuntime}: each in a fresh workspace copied from the task
 * cache, its output appended to the task log; a monitor notices when a job's process ends, and its
 * end is recorded (files written back, footer, STOPPED) once. This class is threadsafe.
 */
final class JobRunner implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(JobRunner.class);
  private static final Duration CLOSE_PATIENCE = Duration.ofSeconds(15);

  private final ServerSettings settings;
  private final AgentRuntime runtime;
  private final Database db;
  private final Clock clock;
  private final Supplier<Collection<TaskRecord>> tasks;
  private final InFlight inFlight = new InFlight();
  private JobMonitor monitor;

  JobRunner(
      ServerSettings settings,
      AgentRuntime runtime,
      Database db,
      Clock clock,
      Supplier<Collection<TaskRecord>> tasks) {
    this.settings = settings;
    this.runtime = runtime;
    this.db = db;
    this.clock = clock;
    this.tasks = tasks;
  }

  /**
   * Picks up the jobs of a server that stopped: RUNNING ones are adopted (the monitor records those
   * that ended meanwhile); a CREATED one starts now unless its launch had begun, in which case it
   * is recorded as ended, never run twice. Then starts the monitor.
   */
  void start() {
    for (TaskRecord task : tasks.get()) {
      JobRecord job;
      synchronized (task) {
        job = task.job();
        if (job == null || job.status() != JobStatus.CREATED) {
          continue;
        }
        if (job.launchBegun()) {
          String why = "the server stopped while it was starting; it is not watched";
          task.log.append(List.of(TaskLog.notStarted(job, clock.instant(), why)));
          job.ended(Optional.empty(), clock.instant());
          save(task);
          continue;
        }
      }
      launchLater(task, job);
    }
    monitor = new JobMonitor(runtime, tasks, this::finishLater);
  }

  /**
   * A new CREATED job of the task, kept with the task's record in one transaction. The caller holds
   * the task's monitor and has checked that no job is active; then it calls {@link #launch}.
   */
  JobRecord create(TaskRecord task, JobTrigger trigger, String origin) {
    JobRecord job = createUnsaved(task, trigger, origin);
    save(task);
    return job;
  }

  /**
   * {@link #create} for a caller that stores the task itself ({@link #saveAll}) before launching.
   */
  JobRecord createUnsaved(TaskRecord task, JobTrigger trigger, String origin) {
    String id = UUID.randomUUID().toString();
    JobRecord job = new JobRecord(id, trigger, origin, clock.instant(), task.jobsDir().resolve(id));
    task.newJob(job);
    return job;
  }

  /**
   * Makes the job's workspace from the task cache and starts its process. A job stopped meanwhile
   * does not start; one that cannot start is STOPPED with the reason in the task log.
   *
   * @throws ApiProblem 500 when the process could not start
   */
  void launch(TaskRecord task, JobRecord job) {
    try {
      Snapshot copied = JobFiles.copy(task.files, job.dir);
      StorageLinks.link(
          runtime.filesRoot(settings.dataDir()), job.workspace(), task.spec.storage());
      Map<String, String> env = new HashMap<>(task.spec.env());
      env.put("OMEGA_TASK_ID", task.id.toString());
      env.put("OMEGA_JOB_ID", job.id);
      LaunchSpec launch =
          new LaunchSpec(
              job.workspace(), task.spec.command(), env, task.log.file(), job.exitFile());
      synchronized (task) {
        if (job.status() != JobStatus.CREATED) {
          JobFiles.delete(job.dir);
          return;
        }
        Instant now = clock.instant();
        task.log.append(List.of(TaskLog.header(job, now)));
        RunningProcess running =
            runtime.launchAlone(
                CatalogCheck.resources(settings, task.spec.computeSize(), task.spec.diskSizeGb()),
                launch);
        Instant started = serverTime(running.startedAt());
        // The OS counts in ticks of 10 ms: never before the launch began.
        job.started(running, launch, copied, started.isBefore(now) ? now : started);
        save(task);
      }
    } catch (IOException | RuntimeException e) {
      log.warn("job {} of task {} did not start", job.id, task.id, e);
      boolean running;
      synchronized (task) {
        if (job.status() == JobStatus.CREATED) {
          task.log.append(List.of(TaskLog.notStarted(job, clock.instant(), e.getMessage())));
          job.ended(Optional.empty(), clock.instant());
          save(task);
        }
        running = job.status() == JobStatus.RUNNING; // it started, but was not stored
      }
      if (!running) {
        JobFiles.delete(job.dir);
      }
      throw new ApiProblem(500, "launch-failed", "the job could not start: " + e.getMessage());
    }
  }

  /** {@link #launch} on a thread of its own, where a failure is only recorded. */
  void launchLater(TaskRecord task, JobRecord job) {
    inFlight.start(
        "job-start-" + job.id,
        () -> {
          try {
            launch(task, job);
          } catch (ApiProblem recorded) {
            // in the task log already
          }
        });
  }

  /** Stops the task's job: its whole process group, then records its end. Harmless when none. */
  void stop(TaskRecord task) throws InterruptedException {
    RunningProcess running;
    LaunchSpec launch;
    synchronized (task) {
      JobRecord job = task.job();
      if (job == null || job.status() == JobStatus.STOPPED) {
        return;
      }
      if (job.status() == JobStatus.CREATED) {
        Instant now = clock.instant();
        task.log.append(List.of(TaskLog.notStarted(job, now, "it was stopped first")));
        job.ended(Optional.empty(), now);
        save(task);
        return;
      }
      running = job.running().orElseThrow();
      launch = job.launch();
    }
    runtime.stop(running, launch, settings.stopGrace());
    finish(task);
  }

  /**
   * Records the end of the task's running job once its process has ended: what is left of its
   * process group is stopped, the files it created or changed are written back to the task cache,
   * the footer and the waiting notes go to the log, and the job is STOPPED. Does nothing while the
   * process runs, or when another thread recorded it.
   */
  void finish(TaskRecord task) throws InterruptedException {
    task.finishing.lock();
    try {
      JobRecord job;
      RunningProcess running;
      LaunchSpec launch;
      Snapshot baseline;
      synchronized (task) {
        job = task.job();
        if (job == null || job.status() != JobStatus.RUNNING) {
          return;
        }
        running = job.running().orElseThrow();
        launch = job.launch();
        baseline = job.baseline();
      }
      ProcessState state = runtime.state(running, launch);
      if (state instanceof ProcessState.Running) {
        return;
      }
      runtime.stop(running, launch, settings.stopGrace());
      JobFiles.WriteBack back = JobFiles.writeBack(task.files, launch.workspace(), baseline);
      synchronized (task) {
        Optional<Integer> code = Optional.empty();
        Instant at = clock.instant();
        if (state instanceof ProcessState.Exited e) {
          code = Optional.of(e.exitCode());
          at = serverTime(e.at());
        }
        if (job.startedAt() != null && at.isBefore(job.startedAt())) {
          at = job.startedAt(); // a clock set back, or a test's frozen one
        }
        List<String> lines = new ArrayList<>(back.refused());
        if (!back.written().isEmpty()) {
          lines.add(TaskLog.wroteBack(job, back.written()));
        }
        lines.add(TaskLog.footer(job, code, at));
        task.log.append(lines);
        job.ended(code, at);
        task.log.append(task.takeNotes());
        save(task);
      }
      JobFiles.retire(job.dir);
    } finally {
      task.finishing.unlock();
    }
  }

  /** Stores the task with its latest job. The caller holds the task's monitor. */
  void save(TaskRecord task) {
    db.putTasks(List.of(row(task)));
  }

  /**
   * Stores the tasks, each with its latest job, in one transaction. It holds every task's monitor
   * until the commit, as {@link #save}'s callers hold theirs, so that no other thread's later save
   * of one of them can land first and be overwritten.
   */
  void saveAll(List<TaskRecord> tasks) {
    saveHolding(tasks, 0, new ArrayList<>());
  }

  private void saveHolding(List<TaskRecord> tasks, int next, List<Database.TaskRow> rows) {
    if (next == tasks.size()) {
      db.putTasks(rows);
      return;
    }
    TaskRecord task = tasks.get(next);
    synchronized (task) {
      rows.add(row(task));
      saveHolding(tasks, next + 1, rows);
    }
  }

  private static Database.TaskRow row(TaskRecord task) {
    JobRecord job = task.job();
    return new Database.TaskRow(
        task.id.toString(),
        task.owner,
        Json.write(task.stored()),
        job == null ? null : job.id,
        job == null ? null : Json.write(job.stored()));
  }

  /**
   * Stops the monitor and lets the starts and ends under way finish (for a while), so that they are
   * stored before the database closes. Jobs' processes go on; a later server adopts them.
   */
  @Override
  public void close() {
    if (monitor != null) {
      monitor.close();
    }
    inFlight.await(CLOSE_PATIENCE);
  }

  /** Records the end of the task's job on a thread of its own, unless one is on it already. */
  void finishLater(TaskRecord task) {
    if (!task.finishQueued.compareAndSet(false, true)) {
      return;
    }
    inFlight.start(
        "job-end-" + task.id,
        () -> {
          try {
            finish(task);
          } catch (InterruptedException | RuntimeException e) {
            log.warn("recording the end of task {}'s job failed", task.id, e);
          } finally {
            task.finishQueued.set(false);
          }
        });
  }

  /** A time of the machine's (a process's end) on the server's clock. */
  private Instant serverTime(Instant machineTime) {
    return machineTime.plus(Duration.between(Instant.now(), clock.instant()));
  }
}
