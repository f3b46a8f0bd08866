package dev.omega.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omega.api.Dtos;
import dev.omega.api.Wire;
import dev.omega.core.model.TaskId;
import dev.omega.core.port.RemoteFiles;
import dev.omega.http.HttpPlatform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/** Alice's tasks on a {@link ServerFixture}, over plain HTTP, as the tests need them. */
final class TaskClient {
  private final ServerFixture fixture;

  TaskClient(ServerFixture fixture) {
    this.fixture = fixture;
  }

  /** Creates a task of Alice's, remembered so that the fixture stops its job at the end. */
  String create(String schedule, String command, Map<String, String> env) {
    String id = UUID.randomUUID().toString();
    var response = call("PUT", "/tasks/" + id, spec(schedule, command, env));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    fixture.startedTask(id);
    return id;
  }

  static String spec(String schedule, String command, Map<String, String> env) {
    try {
      return Wire.JSON.writeValueAsString(
          new Dtos.TaskSpec("job", schedule, command, "cpu-1", 1, List.of(), env, null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Dtos.Task post(String id, String action) {
    var response = call("POST", "/tasks/" + id + "/" + action, null);
    assertThat(response.statusCode()).as(action + ": " + response.body()).isEqualTo(200);
    return read(response.body(), Dtos.Task.class);
  }

  Dtos.Task task(String id) {
    var response = call("GET", "/tasks/" + id, null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return read(response.body(), Dtos.Task.class);
  }

  /** Waits until the task satisfies {@code condition}; returns it then. */
  Dtos.Task await(String id, String what, Predicate<Dtos.Task> condition) {
    Dtos.Task[] last = new Dtos.Task[1];
    ServerFixture.await(what, () -> condition.test(last[0] = task(id)));
    return last[0];
  }

  /** Waits until the task's latest job is STOPPED; returns the job. */
  Dtos.Job awaitStopped(String id) {
    return await(
            id,
            "the job of task " + id + " to stop",
            t -> t.latestJob() != null && t.latestJob().status().equals("STOPPED"))
        .latestJob();
  }

  /** Every line of the task's log, read page by page. */
  List<Dtos.LogLine> logLines(String id, int pageSize) {
    List<Dtos.LogLine> lines = new ArrayList<>();
    long offset = 0;
    while (true) {
      var response =
          call("GET", "/tasks/" + id + "/logs?offset=" + offset + "&limit=" + pageSize, null);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      Dtos.LogPage page = read(response.body(), Dtos.LogPage.class);
      if (page.lines().isEmpty()) {
        return lines;
      }
      lines.addAll(page.lines());
      offset = page.nextOffset();
    }
  }

  List<String> log(String id) {
    return logLines(id, 1000).stream().map(Dtos.LogLine::text).toList();
  }

  /** The task cache's files, through the client adapter. */
  RemoteFiles files(HttpPlatform client, String id) {
    return client.tasks().files(TaskId.parse(id));
  }

  HttpPlatform client() {
    return HttpPlatform.connect(fixture.url(), Optional.of(ServerFixture.ALICE));
  }

  HttpResponse<String> call(String method, String path, String body) {
    return fixture.call(method, path, ServerFixture.ALICE, body);
  }

  static <T> T read(String json, Class<T> type) {
    try {
      return Wire.JSON.readValue(json, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
