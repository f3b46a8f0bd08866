package dev.omega.core.procedure;

import dev.omega.core.config.OmegaConfig;
import dev.omega.core.model.JobType;
import dev.omega.core.model.TaskId;
import dev.omega.core.model.TaskSpec;
import dev.omega.core.model.TaskView;
import dev.omega.core.port.ApiException;
import dev.omega.core.port.ConsoleEvent.Step;
import dev.omega.core.port.ConsoleEvent.Warning;
import dev.omega.core.port.Ports;
import dev.omega.core.port.Question;
import java.util.Optional;

/**
 * RUN_TASK_PROCEDURE (spec 4.3.3): creates the task when there is none, syncs the task cache and
 * enables it when OFF, then offers to run a job at once when none runs.
 */
public final class RunTaskProcedure {
  /**
   * What this run has done.
   *
   * @param runNow the user's answer to {@link Question#RUN_TASK_NOW}, once asked
   */
  record Progress(
      boolean synced, boolean enableRequested, Optional<Boolean> runNow, boolean runRequested) {
    static final Progress START = new Progress(false, false, Optional.empty(), false);
  }

  sealed interface Action {}

  record NewTask() implements Action {}

  record Create(TaskId id) implements Action {}

  record Sync() implements Action {}

  record Enable() implements Action {}

  record Await(String state) implements Action {}

  record AskToRunNow() implements Action {}

  record RunNow() implements Action {}

  record Done(TaskView task) implements Action {}

  private final Ports ports;
  private final StatusTrail trail;
  private final Retrier retrier;
  private final Waiter waiter;
  private final FileSync fileSync;
  private OmegaConfig config;

  RunTaskProcedure(
      Ports ports, Retrier retrier, Waiter waiter, FileSync fileSync, OmegaConfig config) {
    this.ports = ports;
    this.trail = new StatusTrail(ports.console());
    this.retrier = retrier;
    this.waiter = waiter;
    this.fileSync = fileSync;
    this.config = config;
  }

  static Action decide(Optional<TaskId> recorded, Optional<TaskView> observed, Progress done) {
    if (recorded.isEmpty()) {
      return new NewTask();
    }
    if (observed.isEmpty()) {
      return new Create(recorded.get());
    }
    TaskView task = observed.get();
    return switch (task.status()) {
      case OFF -> {
        if (!done.synced()) {
          yield new Sync();
        }
        yield done.enableRequested() ? new Await("OFF") : new Enable();
      }
      case ON -> {
        if (task.hasRunningJob() || done.runRequested()) {
          yield new Done(task);
        }
        if (done.runNow().isEmpty()) {
          yield new AskToRunNow();
        }
        yield done.runNow().get() ? new RunNow() : new Done(task);
      }
    };
  }

  /** Runs to the end: returns the task ON. */
  public TaskView run() throws InterruptedException {
    Progress done = Progress.START;
    while (true) {
      Optional<TaskId> id = Optional.ofNullable(config.taskId());
      Optional<TaskView> observed =
          id.isEmpty()
              ? Optional.empty()
              : retrier.call("inspect the task", () -> ports.tasks().inspect(id.get()));
      id.ifPresent(task -> trail.observed("task " + task, observed.map(TaskView::status)));
      switch (decide(id, observed, done)) {
        case NewTask n -> {
          config = config.withTaskId(TaskId.random());
          ports.config().save(config);
        }
        case Create c -> {
          ports.console().show(new Step("Creating task " + c.id()));
          retrier.call("create the task", () -> ports.tasks().create(c.id(), spec()));
        }
        case Sync s -> {
          ports.console().show(new Step("Syncing files with the cache of task " + id.get()));
          fileSync.sync(ports.tasks().files(id.get()));
          done = new Progress(true, done.enableRequested(), done.runNow(), done.runRequested());
        }
        case Enable e -> {
          ports.console().show(new Step("Enabling the schedule of task " + id.get()));
          retrier.call(
              "enable the task",
              Retrier.On.NETWORK_AND_SERVER_ERRORS,
              () -> {
                ports.tasks().enable(id.get());
                return null;
              });
          done = new Progress(done.synced(), true, done.runNow(), done.runRequested());
        }
        case Await a -> waiter.pause("the task to be ON", a.state());
        case AskToRunNow a -> {
          boolean yes = ports.prompter().confirm(Question.RUN_TASK_NOW);
          done = new Progress(done.synced(), done.enableRequested(), Optional.of(yes), false);
        }
        case RunNow r -> {
          runNow(id.get());
          done = new Progress(done.synced(), done.enableRequested(), done.runNow(), true);
        }
        case Done d -> {
          ports.console().show(new Step("Task " + d.task().id() + " is ON"));
          return d.task();
        }
      }
    }
  }

  /**
   * A failed run is reported, and the task stays enabled (spec 4.3.3). A 409 means a job runs
   * already, which is what was asked (a retry after a lost answer meets one).
   */
  private void runNow(TaskId id) throws InterruptedException {
    ports.console().show(new Step("Running a job of task " + id + " now"));
    try {
      retrier.run("run the task's job", () -> ports.tasks().run(id));
    } catch (ApiException e) {
      if (e.status() == 409) {
        return;
      }
      ports
          .console()
          .show(new Warning("The job did not start: " + e.getMessage() + ". The task stays ON."));
    }
  }

  private TaskSpec spec() {
    String command = config.jobType() == JobType.API ? config.jobCommand() : config.command();
    return new TaskSpec(
        config.jobType(),
        config.jobSchedule(),
        command,
        config.computeSize(),
        config.diskSize(),
        config.storage(),
        ports.config().environment(config));
  }
}
