package dev.omega.core.procedure;

import dev.omega.core.config.OmegaConfig;
import dev.omega.core.model.TaskId;
import dev.omega.core.port.ConsoleEvent.Step;
import dev.omega.core.port.Ports;
import dev.omega.core.port.RemoteFiles;
import dev.omega.core.sync.SyncPlan;

/**
 * SYNC_TASK_PROCEDURE (spec 4.3.5.2) on its own, as {@code omega sync} runs it: syncs with the task
 * cache, whose version wins conflicts.
 */
public final class SyncTaskProcedure {
  private final Ports ports;
  private final Retrier retrier;
  private final FileSync fileSync;
  private final OmegaConfig config;

  SyncTaskProcedure(Ports ports, Retrier retrier, FileSync fileSync, OmegaConfig config) {
    this.ports = ports;
    this.retrier = retrier;
    this.fileSync = fileSync;
    this.config = config;
  }

  public SyncReport run() throws InterruptedException {
    RemoteFiles remote = remote();
    ports.console().show(new Step("Syncing files with the cache of task " + config.taskId()));
    return fileSync.sync(remote);
  }

  /** What {@link #run()} would do now, moving nothing. */
  public SyncPlan preview() throws InterruptedException {
    return fileSync.preview(remote());
  }

  private RemoteFiles remote() throws InterruptedException {
    TaskId id = config.taskId();
    if (id == null || retrier.call("inspect the task", () -> ports.tasks().inspect(id)).isEmpty()) {
      throw new ProcedureFailedException(
          "this project has no task yet, so there is nothing to sync with. Create it with omega"
              + " run.");
    }
    return ports.tasks().files(id);
  }
}
