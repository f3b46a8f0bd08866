package dev.omega.server;

import dev.omega.core.model.JobTrigger;
import dev.omega.core.model.TaskStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires each ON task's schedule (spec 3.2): a loop that sleeps until the earliest next scheduled
 * time of all tasks (at most {@link #MAX_SLEEP}, so that a clock that jumps is noticed too), then
 * applies {@link FireRule} to every task that is due. A fire's job starts on a thread of its own,
 * so that many tasks due at once all start at once. The clock is injected: tests drive it.
 */
final class TaskScheduler implements AutoCloseable {
  /** The longest the loop sleeps without looking at the clock again. */
  static final Duration MAX_SLEEP = Duration.ofMillis(250);

  /**
   * How many tasks' decisions are stored together before their jobs start: the first jobs start
   * while the scheduler still decides for the rest.
   */
  static final int BATCH = 50;

  private static final Logger log = LoggerFactory.getLogger(TaskScheduler.class);

  private final Supplier<Collection<TaskRecord>> tasks;
  private final JobRunner jobs;
  private final Clock clock;
  private final Duration catchUpWindow;
  private final Object signal = new Object();
  private boolean woken;
  private volatile boolean closed;
  private Thread loop;

  TaskScheduler(
      Supplier<Collection<TaskRecord>> tasks, JobRunner jobs, Clock clock, Duration catchUpWindow) {
    this.tasks = tasks;
    this.jobs = jobs;
    this.clock = clock;
    this.catchUpWindow = catchUpWindow;
  }

  void start() {
    loop = Thread.ofPlatform().daemon().name("task-scheduler").start(this::loop);
  }

  /** Look again now: a task was enabled. */
  void wake() {
    synchronized (signal) {
      woken = true;
      signal.notifyAll();
    }
  }

  /**
   * Deals with every task that is due at the clock's time now; returns the earliest next scheduled
   * time of the ON tasks. What it decided is stored {@link #BATCH} tasks to a transaction, each
   * batch's fired jobs starting once it is stored.
   */
  Optional<Instant> tick() {
    Instant now = clock.instant();
    Instant earliest = null;
    Map<TaskRecord, JobRecord> fired = new LinkedHashMap<>();
    List<TaskRecord> changed = new ArrayList<>();
    for (TaskRecord task : tasks.get()) {
      try {
        Optional<Instant> next = consider(task, now, fired, changed);
        if (next.isPresent() && (earliest == null || next.get().isBefore(earliest))) {
          earliest = next.get();
        }
      } catch (RuntimeException e) {
        log.error("scheduling task {} failed", task.id, e);
      }
      if (changed.size() >= BATCH) {
        storeThenLaunch(changed, fired);
      }
    }
    storeThenLaunch(changed, fired);
    return Optional.ofNullable(earliest);
  }

  /** Stores the changed tasks in one transaction, then starts the fired jobs; empties both. */
  private void storeThenLaunch(List<TaskRecord> changed, Map<TaskRecord, JobRecord> fired) {
    if (changed.isEmpty()) {
      return;
    }
    try {
      jobs.saveAll(changed);
      fired.forEach(jobs::launchLater);
    } catch (RuntimeException e) {
      log.error("storing what {} tasks' schedules decided failed", changed.size(), e);
    } finally {
      changed.clear();
      fired.clear();
    }
  }

  /**
   * Applies the fire rule to one task if it is due; returns its next scheduled time. A task whose
   * record changed joins {@code changed}; a fired job joins {@code fired}, to start once stored.
   */
  private Optional<Instant> consider(
      TaskRecord task, Instant now, Map<TaskRecord, JobRecord> fired, List<TaskRecord> changed) {
    synchronized (task) {
      Optional<Instant> next = task.nextDue();
      if (task.status() != TaskStatus.ON || next.isEmpty() || next.get().isAfter(now)) {
        return next;
      }
      FireRule.Decision decision =
          FireRule.decide(
              task.schedule, task.zone, task.cursor(), now, catchUpWindow, task.jobActive());
      task.dealtWith(decision.cursor());
      switch (decision) {
        case FireRule.Wait w -> {
          return task.nextDue(); // nothing to store
        }
        case FireRule.Fire f ->
            fired.put(task, jobs.createUnsaved(task, JobTrigger.SCHEDULE, origin(f)));
        case FireRule.Skip s -> task.note(TaskLog.skipped(s.at(), task.job()));
        case FireRule.Missed m -> task.note(TaskLog.missed(m.firstDue(), now, catchUpWindow));
      }
      changed.add(task);
      return task.nextDue();
    }
  }

  private static String origin(FireRule.Fire fire) {
    if (!fire.catchUp()) {
      return "schedule, for " + fire.at();
    }
    return "schedule, catching up on "
        + fire.at()
        + " after the server was down"
        + (fire.firstDue().equals(fire.at()) ? "" : ", missed since " + fire.firstDue());
  }

  @Override
  public void close() {
    closed = true;
    wake();
    if (loop != null) {
      loop.interrupt();
    }
  }

  private void loop() {
    while (!closed) {
      Optional<Instant> next = tick();
      Duration sleep = MAX_SLEEP;
      if (next.isPresent()) {
        Duration until = Duration.between(clock.instant(), next.get());
        sleep = until.compareTo(sleep) < 0 ? until : sleep;
      }
      long millis = Math.max(1, (sleep.toNanos() + 999_999) / 1_000_000);
      synchronized (signal) {
        try {
          if (!woken) {
            signal.wait(millis);
          }
        } catch (InterruptedException e) {
          return;
        }
        woken = false;
      }
    }
  }
}
