package dev.omega.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omega.api.Dtos;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server killed with SIGKILL while a task's job runs: the job is adopted, not lost or rerun.
 */
class TaskKillNineTest {
  @TempDir Path data;
  private ServerProcess server;

  @BeforeEach
  void startServer() throws IOException {
    server = new ServerProcess(data);
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private HttpResponse<String> call(String method, String path, String body) {
    return server.call(method, path, body);
  }

  private Dtos.Task task(String id) {
    return TaskClient.read(call("GET", "/tasks/" + id, null).body(), Dtos.Task.class);
  }

  private List<String> log(String id) {
    Dtos.LogPage page =
        TaskClient.read(
            call("GET", "/tasks/" + id + "/logs?offset=0&limit=10000", null).body(),
            Dtos.LogPage.class);
    return page.lines().stream().map(Dtos.LogLine::text).toList();
  }

  @Test
  void aRunningJobSurvivesAKillNineOfTheServerAndIsAdoptedNotRunAgain() throws Exception {
    // Given
    String id = UUID.randomUUID().toString();
    call(
        "PUT",
        "/tasks/" + id,
        TaskClient.spec("0 3 * * *", "while true; do echo tick; sleep 0.05; done", Map.of()));
    var run = call("POST", "/tasks/" + id + "/run", null);
    assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
    Dtos.Job job = TaskClient.read(run.body(), Dtos.Task.class).latestJob();
    Path log = data.resolve("tasks/" + id + "/output.log");
    ServerFixture.await("output", () -> ServerProcess.size(log) > 20);
    // When
    server.killNine();
    long sizeAtKill = ServerProcess.size(log);
    ServerFixture.await(
        "the job to write on without its server", () -> ServerProcess.size(log) > sizeAtKill + 20);
    server.start();
    // Then
    try {
      assertThat(task(id).latestJob()).isEqualTo(job);
      assertThat(log(id)).filteredOn(l -> l.contains(" started at ")).hasSize(1);
    } finally {
      var stop = call("POST", "/tasks/" + id + "/stop", null);
      assertThat(stop.statusCode()).isEqualTo(200);
    }
    Dtos.Job stopped = task(id).latestJob();
    assertThat(stopped.status()).isEqualTo("STOPPED");
    assertThat(stopped.exitCode()).isEqualTo(143);
    assertThat(log(id).getLast()).contains("job " + job.id() + " ended at");
  }

  @Test
  void aFireDueWhileTheServerIsKilledRunsOnceAfterTheRestart() throws Exception {
    // Given: an every-minute task, enabled, and its next fire
    String id = UUID.randomUUID().toString();
    call("PUT", "/tasks/" + id, TaskClient.spec("* * * * *", "echo fired", Map.of()));
    call("POST", "/tasks/" + id + "/enable", null);
    java.time.Instant due = java.time.Instant.parse(task(id).nextRunAt());
    // When: the server dies before that fire, and comes back after it
    server.killNine();
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(75).toNanos();
    while (!java.time.Instant.now().isAfter(due.plusSeconds(1)) && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    server.start();
    // Then: one catch-up job for the missed fire, not two, and nothing lost
    Dtos.Task caughtUp =
        awaitTask(id, t -> t.latestJob() != null && "STOPPED".equals(t.latestJob().status()));
    assertThat(caughtUp.latestJob().exitCode()).isZero();
    call("POST", "/tasks/" + id + "/disable", null);
    assertThat(log(id)).filteredOn(l -> l.contains(" started at ")).hasSize(1);
    assertThat(log(id)).contains("fired");
  }

  private Dtos.Task awaitTask(String id, java.util.function.Predicate<Dtos.Task> condition) {
    Dtos.Task[] last = new Dtos.Task[1];
    ServerFixture.await("the task's job", () -> condition.test(last[0] = task(id)));
    return last[0];
  }
}
