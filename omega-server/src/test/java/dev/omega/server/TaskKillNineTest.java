package dev.omega.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omega.api.Dtos;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server killed with SIGKILL while a task's job runs: the job is adopted, not lost or rerun.
 */
class TaskKillNineTest {
  @TempDir Path data;
  private Process server;
  private int port;
  private final HttpClient http = HttpClient.newHttpClient();

  private void startServer() throws IOException {
    server =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                ServerMain.class.getName(),
                "--data",
                data.toString(),
                "--port",
                Integer.toString(port))
            .redirectErrorStream(true)
            .redirectOutput(data.resolveSibling(data.getFileName() + "-server.log").toFile())
            .start();
    ServerFixture.await("the server to answer", this::answers);
  }

  private boolean answers() {
    try {
      return call("GET", "/me", null).statusCode() == 200;
    } catch (java.io.UncheckedIOException notYet) {
      return false;
    }
  }

  private HttpResponse<String> call(String method, String path, String body) {
    try {
      String token = Files.readString(data.resolve("token"), StandardCharsets.UTF_8).strip();
      return http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1" + path))
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body))
              .header("Authorization", "Bearer " + token)
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
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

  @AfterEach
  void stopEverything() {
    if (server != null && server.isAlive()) {
      server.destroyForcibly();
    }
  }

  @Test
  void aRunningJobSurvivesAKillNineOfTheServerAndIsAdoptedNotRunAgain() throws Exception {
    // Given
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    startServer();
    String id = UUID.randomUUID().toString();
    call(
        "PUT",
        "/tasks/" + id,
        TaskClient.spec("0 3 * * *", "while true; do echo tick; sleep 0.05; done", Map.of()));
    var run = call("POST", "/tasks/" + id + "/run", null);
    assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
    Dtos.Job job = TaskClient.read(run.body(), Dtos.Task.class).latestJob();
    Path log = data.resolve("tasks/" + id + "/output.log");
    ServerFixture.await("output", () -> size(log) > 20);
    // When
    server.destroyForcibly().waitFor();
    long sizeAtKill = size(log);
    ServerFixture.await(
        "the job to write on without its server", () -> size(log) > sizeAtKill + 20);
    startServer();
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
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    startServer();
    String id = UUID.randomUUID().toString();
    call("PUT", "/tasks/" + id, TaskClient.spec("* * * * *", "echo fired", Map.of()));
    call("POST", "/tasks/" + id + "/enable", null);
    java.time.Instant due = java.time.Instant.parse(task(id).nextRunAt());
    // When: the server dies before that fire, and comes back after it
    server.destroyForcibly().waitFor();
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(75).toNanos();
    while (!java.time.Instant.now().isAfter(due.plusSeconds(1)) && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    startServer();
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

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }
}
