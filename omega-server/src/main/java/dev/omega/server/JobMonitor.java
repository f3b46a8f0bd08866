package dev.omega.server;

import dev.omega.runtime.AgentRuntime;
import dev.omega.runtime.LaunchSpec;
import dev.omega.runtime.ProcessState;
import dev.omega.runtime.RunningProcess;
import java.time.Duration;
import java.util.Collection;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices when a task's running job's process has ended (also one that ended while no server ran)
 * and hands the task on to have the end recorded.
 */
final class JobMonitor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(JobMonitor.class);
  private static final Duration TICK = Duration.ofMillis(100);

  private final AgentRuntime runtime;
  private final Supplier<Collection<TaskRecord>> tasks;
  private final Consumer<TaskRecord> ended;
  private final Thread thread;
  private volatile boolean closed;

  /** Starts watching; {@code ended} is told each task whose job's process has ended. */
  JobMonitor(
      AgentRuntime runtime, Supplier<Collection<TaskRecord>> tasks, Consumer<TaskRecord> ended) {
    this.runtime = runtime;
    this.tasks = tasks;
    this.ended = ended;
    this.thread = Thread.ofVirtual().name("job-monitor").start(this::watch);
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }

  private void watch() {
    while (!closed) {
      for (TaskRecord task : tasks.get()) {
        try {
          if (hasEnded(task)) {
            ended.accept(task);
          }
        } catch (RuntimeException e) {
          log.warn("cannot tell whether task {}'s job still runs", task.id, e);
        }
      }
      try {
        Thread.sleep(TICK);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Whether the task's job runs no more but is not recorded as ended yet. */
  private boolean hasEnded(TaskRecord task) {
    RunningProcess running;
    LaunchSpec launch;
    synchronized (task) {
      if (!task.jobRunning()) {
        return false;
      }
      running = task.job().running().orElseThrow();
      launch = task.job().launch();
    }
    return !(runtime.state(running, launch) instanceof ProcessState.Running);
  }
}
