package dev.omega.http;

import dev.omega.api.Dtos;
import dev.omega.api.WireMapping;
import dev.omega.core.model.LogPage;
import dev.omega.core.model.TaskId;
import dev.omega.core.model.TaskSpec;
import dev.omega.core.model.TaskView;
import dev.omega.core.port.ApiException;
import dev.omega.core.port.RemoteFiles;
import dev.omega.core.port.TaskApi;
import java.util.List;
import java.util.Optional;

/** {@link TaskApi} over {@code /tasks}. */
final class HttpTaskApi implements TaskApi {
  private final Transport transport;

  HttpTaskApi(Transport transport) {
    this.transport = transport;
  }

  @Override
  public Optional<TaskView> inspect(TaskId id) {
    try {
      return Optional.of(
          transport.call("GET", Routes.task(id), null, Dtos.Task.class, WireMapping::toModel));
    } catch (ApiException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public List<TaskView> list() {
    return transport.list(Routes.tasks(), Dtos.Task.class, WireMapping::toModel);
  }

  @Override
  public TaskView create(TaskId id, TaskSpec spec) {
    return transport.call(
        "PUT", Routes.task(id), WireMapping.toDto(spec), Dtos.Task.class, WireMapping::toModel);
  }

  @Override
  public void enable(TaskId id) {
    transport.call("POST", Routes.task(id) + "/enable", null);
  }

  @Override
  public void disable(TaskId id) {
    transport.call("POST", Routes.task(id) + "/disable", null);
  }

  @Override
  public void run(TaskId id) {
    transport.call("POST", Routes.task(id) + "/run", null);
  }

  @Override
  public void stop(TaskId id) {
    transport.call("POST", Routes.task(id) + "/stop", null);
  }

  @Override
  public RemoteFiles files(TaskId id) {
    return new HttpRemoteFiles(transport, Routes.task(id));
  }

  @Override
  public LogPage logs(TaskId id, long offset, int limit) {
    return transport.call(
        "GET",
        Routes.logs(Routes.task(id), offset, limit),
        null,
        Dtos.LogPage.class,
        WireMapping::toModel);
  }

  @Override
  public String toString() {
    return "HttpTaskApi[" + transport.baseUrl() + "]";
  }
}
