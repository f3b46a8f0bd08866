package dev.omega.core.procedure;

import dev.omega.core.config.OmegaConfig;
import dev.omega.core.model.TaskId;
import dev.omega.core.model.TaskView;
import dev.omega.core.port.ConsoleEvent.Step;
import dev.omega.core.port.Ports;
import dev.omega.core.port.Question;
import java.util.Optional;

/**
 * STOP_TASK_PROCEDURE (spec 4.3.4): offers to stop a running job, syncs the task cache, then
 * disables the task. A job still running on a task that is already OFF is offered a stop too, so
 * that stop leaves nothing running that the user did not choose to keep.
 */
public final class StopTaskProcedure {
  /**
   * What this run has done.
   *
   * @param stopJob the user's answer to {@link Question#STOP_RUNNING_JOB}, once asked
   */
  record Progress(
      Optional<Boolean> stopJob, boolean stopRequested, boolean synced, boolean disableRequested) {
    static final Progress START = new Progress(Optional.empty(), false, false, false);
  }

  sealed interface Action {}

  record AskToStopJob() implements Action {}

  record StopJob() implements Action {}

  record Sync() implements Action {}

  record Disable() implements Action {}

  record Await(String forWhat, String state) implements Action {}

  record Done(Optional<TaskView> task) implements Action {}

  private final Ports ports;
  private final StatusTrail trail;
  private final Retrier retrier;
  private final Waiter waiter;
  private final FileSync fileSync;
  private final OmegaConfig config;

  StopTaskProcedure(
      Ports ports, Retrier retrier, Waiter waiter, FileSync fileSync, OmegaConfig config) {
    this.ports = ports;
    this.trail = new StatusTrail(ports.console());
    this.retrier = retrier;
    this.waiter = waiter;
    this.fileSync = fileSync;
    this.config = config;
  }

  static Action decide(Optional<TaskView> observed, Progress done) {
    if (observed.isEmpty()) {
      return new Done(Optional.empty());
    }
    TaskView task = observed.get();
    if (task.hasRunningJob() && done.stopJob().orElse(true)) {
      if (done.stopJob().isEmpty()) {
        return new AskToStopJob();
      }
      return done.stopRequested() ? new Await("the job to stop", "RUNNING") : new StopJob();
    }
    return switch (task.status()) {
      // Spec 4.3.4 has nothing to do for OFF; a job still running on it was offered a stop above.
      case OFF -> new Done(observed);
      case ON -> {
        if (!done.synced()) {
          yield new Sync();
        }
        yield done.disableRequested() ? new Await("the task to be OFF", "ON") : new Disable();
      }
    };
  }

  /** Runs to the end: returns the task OFF, or empty when there is none. */
  public Optional<TaskView> run() throws InterruptedException {
    Optional<TaskId> id = Optional.ofNullable(config.taskId());
    if (id.isEmpty()) {
      return Optional.empty();
    }
    Progress done = Progress.START;
    while (true) {
      Optional<TaskView> observed =
          retrier.call("inspect the task", () -> ports.tasks().inspect(id.get()));
      trail.observed("task " + id.get(), observed.map(TaskView::status));
      switch (decide(observed, done)) {
        case AskToStopJob a -> {
          boolean yes = ports.prompter().confirm(Question.STOP_RUNNING_JOB);
          done = new Progress(Optional.of(yes), false, done.synced(), done.disableRequested());
        }
        case StopJob s -> {
          ports.console().show(new Step("Stopping the running job of task " + id.get()));
          retrier.run("stop the job", () -> ports.tasks().stop(id.get()));
          done = new Progress(done.stopJob(), true, done.synced(), done.disableRequested());
        }
        case Sync s -> {
          ports.console().show(new Step("Syncing files with the cache of task " + id.get()));
          fileSync.sync(ports.tasks().files(id.get()));
          done = new Progress(done.stopJob(), done.stopRequested(), true, done.disableRequested());
        }
        case Disable d -> {
          ports.console().show(new Step("Disabling the schedule of task " + id.get()));
          retrier.run("disable the task", () -> ports.tasks().disable(id.get()));
          done = new Progress(done.stopJob(), done.stopRequested(), done.synced(), true);
        }
        case Await a -> waiter.pause(a.forWhat(), a.state());
        case Done d -> {
          return d.task();
        }
      }
    }
  }
}
