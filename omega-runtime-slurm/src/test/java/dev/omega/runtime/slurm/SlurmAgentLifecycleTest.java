package dev.omega.runtime.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omega.api.Dtos;
import dev.omega.api.Wire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How an agent's status follows its Slurm job, on a server with {@code runtime: slurm}. */
class SlurmAgentLifecycleTest {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir Path data;
  @TempDir Path shared;
  private SlurmServerProcess server;
  private String id;

  @BeforeEach
  void startServer() throws IOException {
    SlurmCluster.assumeReachable();
    server = new SlurmServerProcess(data, shared);
    server.start();
  }

  @AfterEach
  void stopServer() {
    if (server != null) {
      if (id != null) {
        server.call("POST", "/agents/" + id + "/kill", null);
      }
      server.close();
    }
  }

  private Dtos.Agent agent() {
    try {
      return Wire.JSON.readValue(
          server.call("GET", "/agents/" + id, null).body(), Dtos.Agent.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void anAgentWhoseSlurmJobIsCancelledOutsideOmegaIsDeadAndSaysWhy() throws Exception {
    // Given
    id = UUID.randomUUID().toString();
    server.call(
        "PUT",
        "/agents/" + id,
        "{\"job_type\":\"api\",\"compute_size\":\"cpu-1\",\"disk_size\":1}");
    SlurmCluster.await("IDLE", PATIENCE, () -> agent().status().equals("IDLE"));
    SlurmJob job = SlurmCluster.jobsNamed("omega-agent-" + id).getFirst();
    // When: an admin cancels it
    new SlurmCommands(SlurmCluster.settings(shared)).cancel(job.id());
    // Then
    SlurmCluster.await("DEAD", PATIENCE, () -> agent().status().equals("DEAD"));
    assertThat(agent().reason()).contains("Slurm job " + job.id());
  }
}
