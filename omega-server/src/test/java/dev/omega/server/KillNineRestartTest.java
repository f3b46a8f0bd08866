package dev.omega.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omega.api.Dtos;
import dev.omega.api.Wire;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server killed with SIGKILL while an agent is BUSY: the process lives on and is adopted. */
class KillNineRestartTest {
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

  private Dtos.Agent agent(String id) throws IOException {
    return Wire.JSON.readValue(server.call("GET", "/agents/" + id, null).body(), Dtos.Agent.class);
  }

  @Test
  void aBusyAgentSurvivesAKillNineOfTheServerAndIsAdoptedByTheNext() throws Exception {
    // Given
    String id = UUID.randomUUID().toString();
    server.call(
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
    server.call(
        "POST",
        "/agents/" + id + "/run",
        Wire.JSON.writeValueAsString(
            new Dtos.RunRequest("while true; do echo tick; sleep 0.05; done", Map.of(), null)));
    Path log = data.resolve("agents/" + id + "/output.log");
    ServerFixture.await("output", () -> Files.exists(log));
    // When
    server.killNine();
    long sizeAtKill = Files.size(log);
    ServerFixture.await(
        "the process to write on without its server",
        () -> ServerProcess.size(log) > sizeAtKill + 20);
    server.start();
    // Then
    assertThat(agent(id).status()).isEqualTo("BUSY");
    assertThat(server.call("POST", "/agents/" + id + "/stop", null).statusCode()).isEqualTo(200);
    Dtos.Agent stopped = agent(id);
    assertThat(stopped.status()).isEqualTo("IDLE");
    assertThat(stopped.process().exitCode()).isEqualTo(143);
  }
}
