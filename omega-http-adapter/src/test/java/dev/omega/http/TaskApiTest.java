package dev.omega.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omega.core.model.JobStatus;
import dev.omega.core.model.JobType;
import dev.omega.core.model.LogPage;
import dev.omega.core.model.TaskId;
import dev.omega.core.model.TaskSpec;
import dev.omega.core.model.TaskStatus;
import dev.omega.core.model.TaskView;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TaskApiTest {
  private final StubServer server = StubServer.start();
  private final TaskId id = TaskId.random();
  private final String route = "/tasks/" + id;
  private final HttpPlatform platform = HttpPlatform.connect(server.url(), Optional.of("k-123456"));

  @AfterEach
  void stop() {
    platform.close();
    server.close();
  }

  private String taskJson(String status) {
    return """
        {"id":"%s","status":"%s","job_type":"job","job_schedule":"0 3 * * *","timezone":"UTC",
         "command":"python etl.py","compute_size":"small","disk_size":1,"storage":[],
         "env":{"A":"1"},"next_run_at":"2025-01-02T03:00:00Z",
         "latest_job":{"id":"j1","status":"RUNNING","trigger":"manual",
                       "started_at":"2025-01-01T00:00:00Z","ended_at":null,"exit_code":null}}
        """
        .formatted(id, status);
  }

  @Test
  void createPutsTheSpecInSnakeCaseAndReadsTheTask() {
    server.on("PUT", route, (ex, req) -> StubServer.json(ex, 201, taskJson("OFF")));
    TaskView task =
        platform
            .tasks()
            .create(
                id,
                new TaskSpec(
                    JobType.JOB, "0 3 * * *", "python etl.py", "small", 1, List.of(), Map.of()));
    assertThat(task.status()).isEqualTo(TaskStatus.OFF);
    assertThat(task.latestJob().orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
    assertThat(server.requests().get(0).text())
        .contains("\"job_type\":\"job\"", "\"job_schedule\":\"0 3 * * *\"", "\"disk_size\":1");
  }

  @Test
  void inspectOfAnUnknownTaskIsEmpty() {
    server.on("GET", route, (ex, req) -> StubServer.problem(ex, 404, "not-found", "no task"));
    assertThat(platform.tasks().inspect(id)).isEmpty();
  }

  @Test
  void listAndInspectReadTasks() {
    server.on("GET", "/tasks", (ex, req) -> StubServer.json(ex, 200, "[" + taskJson("ON") + "]"));
    server.on("GET", route, (ex, req) -> StubServer.json(ex, 200, taskJson("ON")));
    assertThat(platform.tasks().list()).extracting(TaskView::id).containsExactly(id);
    assertThat(platform.tasks().inspect(id).orElseThrow().status()).isEqualTo(TaskStatus.ON);
  }

  @Test
  void enableDisableRunAndStopArePosts() {
    for (String action : List.of("enable", "disable", "run", "stop")) {
      server.on("POST", route + "/" + action, (ex, req) -> StubServer.empty(ex, 200));
    }
    platform.tasks().enable(id);
    platform.tasks().disable(id);
    platform.tasks().run(id);
    platform.tasks().stop(id);
    assertThat(server.requests())
        .extracting(r -> r.method() + " " + r.path())
        .containsExactly(
            "POST /api/v1" + route + "/enable",
            "POST /api/v1" + route + "/disable",
            "POST /api/v1" + route + "/run",
            "POST /api/v1" + route + "/stop");
  }

  @Test
  void logsAskForAPage() {
    server.on(
        "GET",
        route + "/logs",
        (ex, req) -> StubServer.json(ex, 200, "{\"lines\":[],\"next_offset\":12}"));
    LogPage page = platform.tasks().logs(id, 12, 1000);
    assertThat(page.isEnd()).isTrue();
    assertThat(server.requests().get(0).query()).isEqualTo("offset=12&limit=1000");
  }
}
