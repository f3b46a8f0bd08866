package dev.omega.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omega.api.Dtos;
import dev.omega.api.Wire;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server killed with SIGKILL while an agent is BUSY: the process lives on and is adopted. */
class KillNineRestartTest {
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

  private Dtos.Agent agent(String id) throws IOException {
    return Wire.JSON.readValue(call("GET", "/agents/" + id, null).body(), Dtos.Agent.class);
  }

  @AfterEach
  void stopEverything() {
    if (server != null && server.isAlive()) {
      server.destroyForcibly();
    }
  }

  @Test
  void aBusyAgentSurvivesAKillNineOfTheServerAndIsAdoptedByTheNext() throws Exception {
    // Given
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    startServer();
    String id = UUID.randomUUID().toString();
    call(
        "PUT",
        "/agents/" + id,
        "{\"job_type\":\"api\",\"compute_size\":\"cpu-1\",\"disk_size\":1}");
    ServerFixture.await(
        "IDLE",
        () -> {
          try {
            return agent(id).status().equals("IDLE");
          } catch (IOException e) {
            return false;
          }
        });
    call(
        "POST",
        "/agents/" + id + "/run",
        Wire.JSON.writeValueAsString(
            new Dtos.RunRequest("while true; do echo tick; sleep 0.05; done", Map.of())));
    Path log = data.resolve("agents/" + id + "/output.log");
    ServerFixture.await("output", () -> Files.exists(log));
    // When
    server.destroyForcibly().waitFor();
    long sizeAtKill = Files.size(log);
    ServerFixture.await(
        "the process to write on without its server", () -> size(log) > sizeAtKill + 20);
    startServer();
    // Then
    assertThat(agent(id).status()).isEqualTo("BUSY");
    var stop = call("POST", "/agents/" + id + "/stop", null);
    assertThat(stop.statusCode()).isEqualTo(200);
    Dtos.Agent stopped = agent(id);
    assertThat(stopped.status()).isEqualTo("IDLE");
    assertThat(stopped.process().exitCode()).isEqualTo(143);
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }
}
