package dev.omega.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omega.core.model.AgentId;
import dev.omega.core.model.AgentSpec;
import dev.omega.core.model.AgentStatus;
import dev.omega.core.model.AgentView;
import dev.omega.core.model.JobType;
import dev.omega.core.model.LogLine;
import dev.omega.core.model.LogPage;
import dev.omega.core.model.RunRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AgentApiTest {
  private final StubServer server = StubServer.start();
  private final AgentId id = AgentId.random();
  private final String route = "/agents/" + id;
  private final HttpPlatform platform = HttpPlatform.connect(server.url(), Optional.of("k-123456"));

  @AfterEach
  void stop() {
    platform.close();
    server.close();
  }

  static String agentJson(AgentId id, String status) {
    return """
        {"id":"%s","status":"%s","job_type":"api","compute_size":"small","disk_size":2,
         "storage":["data"],"created_at":"2025-01-01T00:00:00Z",
         "status_since":"2025-01-01T00:00:00Z",
         "process":{"started_at":"2025-01-01T00:00:01Z","ended_at":null,"exit_code":null},
         "endpoint":"https://x.example","reason":null,"limits_enforced":true}
        """
        .formatted(id, status);
  }

  @Test
  void inspectReadsTheAgentWithSnakeCaseFields() {
    server.on("GET", route, (ex, req) -> StubServer.json(ex, 200, agentJson(id, "BUSY")));
    AgentView view = platform.agents().inspect(id).orElseThrow();
    assertThat(view.id()).isEqualTo(id);
    assertThat(view.status()).isEqualTo(AgentStatus.BUSY);
    assertThat(view.spec()).isEqualTo(new AgentSpec(JobType.API, "small", 2, List.of("data")));
    assertThat(view.process()).isPresent();
    assertThat(view.endpoint()).contains("https://x.example");
    assertThat(server.requests().get(0).header("Authorization")).isEqualTo("Bearer k-123456");
  }

  @Test
  void inspectOfAnUnknownAgentIsEmpty() {
    server.on("GET", route, (ex, req) -> StubServer.problem(ex, 404, "not-found", "no agent"));
    assertThat(platform.agents().inspect(id)).isEmpty();
  }

  @Test
  void listReadsEveryAgent() {
    AgentId other = AgentId.random();
    server.on(
        "GET",
        "/agents",
        (ex, req) ->
            StubServer.json(
                ex, 200, "[" + agentJson(id, "IDLE") + "," + agentJson(other, "DEAD") + "]"));
    assertThat(platform.agents().list()).extracting(AgentView::id).containsExactly(id, other);
  }

  @Test
  void createPutsTheSpecInSnakeCase() {
    server.on("PUT", route, (ex, req) -> StubServer.json(ex, 201, agentJson(id, "INIT")));
    AgentView created =
        platform.agents().create(id, new AgentSpec(JobType.API, "small", 2, List.of("data")));
    assertThat(created.status()).isEqualTo(AgentStatus.INIT);
    StubServer.Request put = server.requests().get(0);
    assertThat(put.header("Content-Type")).isEqualTo("application/json");
    assertThat(put.text())
        .contains("\"job_type\":\"api\"")
        .contains("\"compute_size\":\"small\"")
        .contains("\"disk_size\":2")
        .doesNotContain("jobType", "computeSize", "diskSize");
  }

  @Test
  void runStopAndKillArePosts() {
    server.on("POST", route + "/run", (ex, req) -> StubServer.json(ex, 200, agentJson(id, "BUSY")));
    server.on(
        "POST", route + "/stop", (ex, req) -> StubServer.json(ex, 200, agentJson(id, "IDLE")));
    server.on(
        "POST", route + "/kill", (ex, req) -> StubServer.json(ex, 200, agentJson(id, "DEAD")));
    platform
        .agents()
        .run(
            id,
            new RunRequest(Optional.of("python main.py"), Map.of("A", "1"), Optional.of("run-1")));
    platform.agents().stop(id);
    platform.agents().kill(id);
    assertThat(server.requests())
        .extracting(r -> r.method() + " " + r.path())
        .containsExactly(
            "POST /api/v1" + route + "/run",
            "POST /api/v1" + route + "/stop",
            "POST /api/v1" + route + "/kill");
    assertThat(server.requests().get(0).text())
        .isEqualTo("{\"command\":\"python main.py\",\"env\":{\"A\":\"1\"},\"run_id\":\"run-1\"}");
  }

  @Test
  void logsAskForAPageFromAnOffset() {
    server.on(
        "GET",
        route + "/logs",
        (ex, req) ->
            StubServer.json(
                ex,
                200,
                "{\"lines\":[{\"offset\":5,\"text\":\"five\"},{\"offset\":6,\"text\":\"six\"}],"
                    + "\"next_offset\":7}"));
    LogPage page = platform.agents().logs(id, 5, 2);
    assertThat(page.lines()).containsExactly(new LogLine(5, "five"), new LogLine(6, "six"));
    assertThat(page.nextOffset()).isEqualTo(7);
    assertThat(server.requests().get(0).query()).isEqualTo("offset=5&limit=2");
  }

  @Test
  void toStringNamesTheServerOnly() {
    assertThat(platform.toString()).isEqualTo("HttpPlatform[" + server.url() + "]");
    assertThat(platform.agents().toString()).contains(server.url().toString());
  }
}
