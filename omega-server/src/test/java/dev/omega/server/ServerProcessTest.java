package dev.omega.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omega.api.Dtos;
import dev.omega.api.Wire;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Agents' processes are real: exit codes, endpoints, logs, stops and restarts. */
class ServerProcessTest {
  @TempDir Path data;
  private ServerFixture fixture;

  @BeforeEach
  void startServer() {
    fixture = new ServerFixture(data);
  }

  @AfterEach
  void stopServer() {
    fixture.close();
  }

  private String idle(String jobType) {
    String id = UUID.randomUUID().toString();
    fixture.call(
        "PUT",
        "/agents/" + id,
        ServerFixture.ALICE,
        "{\"job_type\":\"" + jobType + "\",\"compute_size\":\"cpu-1\",\"disk_size\":1}");
    ServerFixture.await(
        "IDLE", () -> fixture.agent(ServerFixture.ALICE, id).status().equals("IDLE"));
    fixture.started(id);
    return id;
  }

  private Dtos.Agent run(String id, String command) throws Exception {
    String body =
        Wire.JSON.writeValueAsString(
            new Dtos.RunRequest(command, java.util.Map.of("GREETING", "hello"), null));
    var response = fixture.call("POST", "/agents/" + id + "/run", ServerFixture.ALICE, body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Wire.JSON.readValue(response.body(), Dtos.Agent.class);
  }

  private List<String> logLines(String id) throws Exception {
    var page =
        Wire.JSON.readValue(
            fixture
                .call(
                    "GET", "/agents/" + id + "/logs?offset=0&limit=100", ServerFixture.ALICE, null)
                .body(),
            Dtos.LogPage.class);
    return page.lines().stream().map(Dtos.LogLine::text).toList();
  }

  @Test
  void aJobsOutputAndExitCodeAreRecorded() throws Exception {
    // Given
    String id = idle("job");
    // When
    Dtos.Agent busy = run(id, "echo \"$GREETING from $OMEGA_AGENT_ID\"; exit 3");
    // Then
    assertThat(busy.status()).isEqualTo("BUSY");
    ServerFixture.await(
        "the job to end", () -> fixture.agent(ServerFixture.ALICE, id).status().equals("IDLE"));
    assertThat(fixture.agent(ServerFixture.ALICE, id).process().exitCode()).isEqualTo(3);
    assertThat(logLines(id)).containsExactly("hello from " + id);
  }

  @Test
  void anApisEndpointAnswersOverHttp() throws Exception {
    // Given
    String id = idle("api");
    // When
    Dtos.Agent busy = run(id, "exec python3 -m http.server \"$PORT\" --bind 127.0.0.1");
    // Then
    assertThat(busy.endpoint()).startsWith("http://127.0.0.1:");
    ServerFixture.await(
        "the API to answer", () -> ServerFixture.answers(busy.endpoint(), status -> status == 200));
  }

  @Test
  void aLabRunsJupyterAndItsEndpointWithTokenAnswers() throws Exception {
    // Given: Jupyter on this machine (CI installs Debian's)
    ServerFixture.assumeJupyter();
    String id = idle("lab");
    // When
    var response =
        fixture.call("POST", "/agents/" + id + "/run", ServerFixture.ALICE, "{\"env\":{}}");
    // Then
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    Dtos.Agent busy = Wire.JSON.readValue(response.body(), Dtos.Agent.class);
    assertThat(busy.endpoint()).contains("token=");
    ServerFixture.await(
        "Jupyter to answer", () -> ServerFixture.answers(busy.endpoint(), status -> status < 400));
    assertThat(
            fixture.call("POST", "/agents/" + id + "/kill", ServerFixture.ALICE, null).statusCode())
        .isEqualTo(200);
  }

  @Test
  void stopEndsTheWholeProcessGroupAndRunOnABusyAgentIsAConflict() throws Exception {
    // Given
    String id = idle("api");
    run(id, "sleep 300 & sleep 300 & wait");
    assertThat(
            fixture
                .call(
                    "POST", "/agents/" + id + "/run", ServerFixture.ALICE, "{\"command\":\"true\"}")
                .statusCode())
        .isEqualTo(409);
    // When
    var stopped = fixture.call("POST", "/agents/" + id + "/stop", ServerFixture.ALICE, null);
    // Then
    assertThat(stopped.statusCode()).isEqualTo(200);
    Dtos.Agent idle = fixture.agent(ServerFixture.ALICE, id);
    assertThat(idle.status()).isEqualTo("IDLE");
    assertThat(idle.process().exitCode()).isEqualTo(143);
  }

  @Test
  void aWatcherThatReconnectsWithLastEventIdGetsEveryLineExactlyOnce() throws Exception {
    // Given
    String id = idle("job");
    run(id, "for i in 1 2 3 4 5 6; do echo line $i; sleep 0.05; done");
    // When: read three lines, drop the connection, resume after the last id
    List<String> seen = new ArrayList<>();
    long last = readEvents(id, null, 3, seen);
    readEvents(id, Long.toString(last), Integer.MAX_VALUE, seen);
    // Then
    assertThat(seen).containsExactly("line 1", "line 2", "line 3", "line 4", "line 5", "line 6");
  }

  /** Reads up to {@code max} line events (or to the end event); returns the last id read. */
  private long readEvents(String id, String lastEventId, int max, List<String> into)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(fixture.url() + "/api/v1/agents/" + id + "/watch"))
            .header("Authorization", "Bearer " + ServerFixture.ALICE);
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    var response =
        HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    long last = -1;
    int read = 0;
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String event = null;
      long eventId = -1;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.startsWith("id: ")) {
          eventId = Long.parseLong(line.substring(4));
        } else if (line.startsWith("event: ")) {
          event = line.substring(7);
        } else if (line.startsWith("data:") && "line".equals(event)) {
          into.add(line.substring(5).strip());
          last = eventId;
          if (++read == max) {
            return last;
          }
        } else if (line.startsWith("data:") && "end".equals(event)) {
          return last;
        }
      }
    }
    return last;
  }

  @Test
  void afterARestartABusyAgentKeepsItsProcessAndItsLogGoesOn() throws Exception {
    // Given
    String id = idle("api");
    run(id, "i=0; while true; do i=$((i+1)); echo tick $i; sleep 0.05; done");
    ServerFixture.await(
        "output",
        () -> {
          try {
            return !logLines(id).isEmpty();
          } catch (Exception e) {
            return false;
          }
        });
    // When: the server goes away and comes back on the same data folder
    fixture.server.close();
    fixture.start();
    // Then
    Dtos.Agent adopted = fixture.agent(ServerFixture.ALICE, id);
    assertThat(adopted.status()).isEqualTo("BUSY");
    int before = logLines(id).size();
    ServerFixture.await(
        "more output",
        () -> {
          try {
            return logLines(id).size() > before + 2;
          } catch (Exception e) {
            return false;
          }
        });
    assertThat(
            fixture.call("POST", "/agents/" + id + "/stop", ServerFixture.ALICE, null).statusCode())
        .isEqualTo(200);
    assertThat(fixture.agent(ServerFixture.ALICE, id).status()).isEqualTo("IDLE");
  }
}
