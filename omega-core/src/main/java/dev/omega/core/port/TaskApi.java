package dev.omega.core.port;

import dev.omega.core.model.LogPage;
import dev.omega.core.model.TaskId;
import dev.omega.core.model.TaskSpec;
import dev.omega.core.model.TaskView;
import java.util.List;
import java.util.Optional;

/**
 * The platform's tasks and their jobs (spec 3.2, 3.3, 4.3.3, 4.3.4, 4.3.6.2). Every method may
 * throw a {@link PlatformException}. Implementations are threadsafe.
 */
public interface TaskApi {
  /** The task with its latest job, or empty when the caller has none with this id. */
  Optional<TaskView> inspect(TaskId id);

  /** Every task of the caller. */
  List<TaskView> list();

  /**
   * Creates a task, OFF, under the client's id. Creating an existing id with the same spec returns
   * it unchanged; with another spec it fails with 409.
   */
  TaskView create(TaskId id, TaskSpec spec);

  /** OFF to ON: the schedule fires. Harmless on ON. */
  void enable(TaskId id);

  /** ON to OFF: the schedule pauses; a running job goes on. Harmless on OFF. */
  void disable(TaskId id);

  /** Starts a job now; 409 while a job runs. */
  void run(TaskId id);

  /** Stops the running job; harmless when none runs. */
  void stop(TaskId id);

  /** The task cache's files, for SYNC_TASK (spec 4.3.5.2). */
  RemoteFiles files(TaskId id);

  /** The log history of every job of the task, from {@code offset}, at most {@code limit} lines. */
  LogPage logs(TaskId id, long offset, int limit);
}
