package dev.omega.runtime.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omega.api.Dtos;
import dev.omega.server.OmegaServer;
import dev.omega.server.ServerSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sizes the cluster can never satisfy are refused with a 400 that says what it offers, before
 * anything is submitted (Slurm would leave such a job PENDING forever).
 */
class SlurmSizeRefusalTest {
  private static final String TOKEN = "token-of-alice";

  @TempDir Path data;
  @TempDir Path shared;
  private OmegaServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void startServer() {
    SlurmCluster.assumeReachable();
    server =
        OmegaServer.start(
            new ServerSettings(
                "127.0.0.1",
                0,
                data,
                Map.of(TOKEN, "alice"),
                List.of(
                    new Dtos.ComputeSize("cpu-1", 1, 1024),
                    new Dtos.ComputeSize("cpu-4096", 4096, 1024),
                    new Dtos.ComputeSize("mem-64t", 1, 64 * 1024 * 1024)),
                List.of(),
                Duration.ofSeconds(2)),
            new SlurmRuntime(SlurmCluster.settings(shared)));
  }

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void anAgentAskingForMoreCpusThanAnyNodeHasIsRefusedWithWhatTheClusterOffers() throws Exception {
    // When
    HttpResponse<String> response = putAgent("cpu-4096", 1);
    // Then
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body())
        .contains("compute_size: 'cpu-4096' with disk_size 1 GB cannot run here")
        .contains("Requested node configuration is not available")
        .containsPattern("partition " + SlurmCluster.PARTITION + " offers node \\S+ with \\d+ CPUs")
        .contains("Choose a compute_size and disk_size within that");
    assertThat(SlurmCluster.jobsNamed("omega-agent-" + lastId)).isEmpty();
  }

  @Test
  void anAgentAskingForMoreMemoryOrDiskThanAnyNodeHasIsRefused() throws Exception {
    assertThat(putAgent("mem-64t", 1).statusCode()).isEqualTo(400);
    HttpResponse<String> disk = putAgent("cpu-1", 1_000_000);
    assertThat(disk.statusCode()).isEqualTo(400);
    assertThat(disk.body()).contains("MB of temporary disk");
  }

  @Test
  void aTaskAskingForAnImpossibleSizeIsRefusedToo() throws Exception {
    // When
    HttpResponse<String> response =
        call(
            "PUT",
            "/tasks/" + UUID.randomUUID(),
            """
            {"job_type":"job","job_schedule":"0 3 * * *","command":"true",
             "compute_size":"cpu-4096","disk_size":1,"storage":[],"env":{}}
            """);
    // Then
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("offers node");
  }

  @Test
  void aSizeTheClusterHasIsAccepted() throws Exception {
    assertThat(putAgent("cpu-1", 1).statusCode()).isEqualTo(201);
    call("POST", "/agents/" + lastId + "/kill", null);
  }

  private String lastId;

  private HttpResponse<String> putAgent(String size, int disk) throws Exception {
    lastId = UUID.randomUUID().toString();
    return call(
        "PUT",
        "/agents/" + lastId,
        "{\"job_type\":\"api\",\"compute_size\":\"" + size + "\",\"disk_size\":" + disk + "}");
  }

  private HttpResponse<String> call(String method, String path, String body)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(server.url() + "/api/v1" + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + TOKEN)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
