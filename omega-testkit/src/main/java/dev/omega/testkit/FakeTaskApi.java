package dev.omega.testkit;

import dev.omega.core.model.JobTrigger;
import dev.omega.core.model.LogLine;
import dev.omega.core.model.LogPage;
import dev.omega.core.model.TaskId;
import dev.omega.core.model.TaskSpec;
import dev.omega.core.model.TaskStatus;
import dev.omega.core.model.TaskView;
import dev.omega.core.port.ApiException;
import dev.omega.core.port.RemoteFiles;
import dev.omega.core.port.TaskApi;
import java.util.List;
import java.util.Optional;

/** The fake platform's tasks, answering as the HTTP API does (404, 409, no-op repeats). */
final class FakeTaskApi implements TaskApi {
  private final FakePlatform platform;

  FakeTaskApi(FakePlatform platform) {
    this.platform = platform;
  }

  @Override
  public Optional<TaskView> inspect(TaskId id) {
    return platform.call(
        "tasks.inspect",
        () -> {
          FakeTask task = platform.tasks.get(id);
          if (task == null) {
            return Optional.empty();
          }
          task.tick();
          return Optional.of(task.view());
        });
  }

  @Override
  public List<TaskView> list() {
    return platform.call(
        "tasks.list", () -> platform.tasks.values().stream().map(FakeTask::view).toList());
  }

  @Override
  public TaskView create(TaskId id, TaskSpec spec) {
    return platform.call(
        "tasks.create",
        () -> {
          FakeTask existing = platform.tasks.get(id);
          if (existing != null) {
            if (!existing.spec.equals(spec)) {
              throw new ApiException(
                  409, "conflict", "task " + id + " exists with another spec; choose a new id");
            }
            return existing.view();
          }
          return platform.newTask(id, spec).view();
        });
  }

  @Override
  public void enable(TaskId id) {
    platform.call(
        "tasks.enable",
        () -> {
          FakeTask task = find(id);
          if (task.status() == TaskStatus.OFF) {
            task.setStatus(TaskStatus.ON);
          }
          return null;
        });
  }

  @Override
  public void disable(TaskId id) {
    platform.call(
        "tasks.disable",
        () -> {
          FakeTask task = find(id);
          if (task.status() == TaskStatus.ON) {
            task.setStatus(TaskStatus.OFF);
          }
          return null;
        });
  }

  @Override
  public void run(TaskId id) {
    platform.call(
        "tasks.run",
        () -> {
          FakeTask task = find(id);
          if (task.jobRunning()) {
            throw new ApiException(
                409, "illegal-transition", "a job of task " + id + " is already RUNNING");
          }
          task.startJob(
              JobTrigger.MANUAL, platform.scriptFor(Optional.of(task.spec.command()), true));
          return null;
        });
  }

  @Override
  public void stop(TaskId id) {
    platform.call(
        "tasks.stop",
        () -> {
          find(id).stopJob();
          return null;
        });
  }

  @Override
  public RemoteFiles files(TaskId id) {
    return find(id).cache.api(platform, "tasks");
  }

  @Override
  public LogPage logs(TaskId id, long offset, int limit) {
    return platform.call(
        "tasks.logs",
        () -> {
          List<LogLine> log = find(id).log;
          int from = (int) Math.min(offset, log.size());
          int to = (int) Math.min((long) from + limit, log.size());
          return new LogPage(log.subList(from, to), to);
        });
  }

  private FakeTask find(TaskId id) {
    FakeTask task = platform.tasks.get(id);
    if (task == null) {
      throw new ApiException(404, "not-found", "no task " + id);
    }
    return task;
  }
}
