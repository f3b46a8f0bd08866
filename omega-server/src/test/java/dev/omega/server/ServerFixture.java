package dev.omega.server;

import dev.omega.api.Dtos;
import dev.omega.server.runtime.LocalProcessRuntime;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** A real server on a free loopback port with two users, and a plain HTTP client to poke it. */
final class ServerFixture implements AutoCloseable {
  static final String ALICE = "token-of-alice";
  static final String BOB = "token-of-bob";

  final Path data;
  private final Clock clock;
  private final List<String> startedAgents = new ArrayList<>();
  private final List<String> startedTasks = new ArrayList<>();
  OmegaServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  ServerFixture(Path data) {
    this(data, Clock.systemUTC());
  }

  /** A server whose scheduler runs on {@code clock}. */
  ServerFixture(Path data, Clock clock) {
    this.data = data;
    this.clock = clock;
    start();
  }

  void start() {
    ServerSettings local = ServerSettings.local(data, 0, ALICE);
    ServerSettings settings =
        new ServerSettings(
            "127.0.0.1",
            0,
            data,
            Map.of(ALICE, "alice", BOB, "bob"),
            local.catalog(),
            List.of("datasets"),
            Duration.ofSeconds(2));
    server = OmegaServer.start(settings, new LocalProcessRuntime(), clock);
  }

  URI url() {
    return server.url();
  }

  HttpResponse<String> call(String method, String path, String token, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url() + "/api/v1" + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<byte[]> send(HttpRequest.Builder request, String token) {
    try {
      return http.send(
          request.header("Authorization", "Bearer " + token).build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Remembers an agent so that close() stops its process. */
  void started(String agentId) {
    startedAgents.add(agentId);
  }

  /** Remembers a task of Alice's so that close() stops its job. */
  void startedTask(String taskId) {
    startedTasks.add(taskId);
  }

  /**
   * Skips the calling test where Jupyter is not installed, and fails it in CI, which must install
   * it (Debian: jupyter-notebook) so that the Lab is tested.
   */
  static void assumeJupyter() {
    boolean installed =
        Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
            .anyMatch(
                dir ->
                    Files.isExecutable(Path.of(dir, "jupyter-notebook"))
                        || Files.isExecutable(Path.of(dir, "jupyter-lab")));
    if (!installed && "true".equals(System.getenv("CI"))) {
      throw new AssertionError(
          "CI must install Jupyter (Debian: jupyter-notebook) so that the Lab is tested");
    }
    Assumptions.assumeTrue(installed, "Jupyter is not installed here");
  }

  /** Whether something answers a GET of {@code url} now, with a status {@code wanted} accepts. */
  static boolean answers(String url, IntPredicate wanted) {
    try (HttpClient client = HttpClient.newHttpClient()) {
      return wanted.test(
          client
              .send(
                  HttpRequest.newBuilder(URI.create(url)).build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode());
    } catch (IOException notYet) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static void await(String what, BooleanSupplier condition) {
    await(what, Duration.ofSeconds(20), condition);
  }

  /** Polls {@code condition} until it holds, for at most {@code patience}. */
  static void await(String what, Duration patience, BooleanSupplier condition) {
    long deadline = System.nanoTime() + patience.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.onSpinWait();
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  Dtos.Agent agent(String token, String id) {
    var response = call("GET", "/agents/" + id, token, null);
    try {
      return dev.omega.api.Wire.JSON.readValue(response.body(), Dtos.Agent.class);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    for (String id : startedAgents) {
      call("POST", "/agents/" + id + "/kill", ALICE, null);
    }
    for (String id : startedTasks) {
      call("POST", "/tasks/" + id + "/stop", ALICE, null);
    }
    server.close();
  }
}
