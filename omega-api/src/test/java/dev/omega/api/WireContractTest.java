package dev.omega.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.omega.core.model.AgentId;
import dev.omega.core.model.AgentSpec;
import dev.omega.core.model.JobType;
import dev.omega.core.sync.FileEntry;
import dev.omega.core.sync.Snapshot;
import dev.omega.core.sync.SyncPlanner;
import dev.omega.core.sync.SyncSession;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The DTOs and the OpenAPI document say the same thing, and the document has every route. */
class WireContractTest {
  private static JsonNode openApi;

  @BeforeAll
  static void readDocument() throws Exception {
    try (InputStream in = Wire.openApi()) {
      openApi = new YAMLMapper().readTree(in);
    }
  }

  @Test
  void theDocumentIsOpenApi31WithEveryRouteTheServerKeeps() {
    assertThat(openApi.get("openapi").asText()).isEqualTo("3.1.0");
    Set<String> paths = new TreeSet<>();
    openApi.get("paths").fieldNames().forEachRemaining(paths::add);
    assertThat(paths)
        .contains(
            "/me",
            "/catalog",
            "/agents",
            "/agents/{id}",
            "/agents/{id}/run",
            "/agents/{id}/stop",
            "/agents/{id}/kill",
            "/agents/{id}/sync",
            "/agents/{id}/files",
            "/agents/{id}/files/{path}",
            "/agents/{id}/sync/{sync_id}/commit",
            "/agents/{id}/watch",
            "/agents/{id}/logs",
            "/tasks",
            "/tasks/{id}",
            "/tasks/{id}/enable",
            "/tasks/{id}/disable",
            "/tasks/{id}/run",
            "/tasks/{id}/stop",
            "/tasks/{id}/sync",
            "/tasks/{id}/files",
            "/tasks/{id}/files/{path}",
            "/tasks/{id}/sync/{sync_id}/commit",
            "/tasks/{id}/logs");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Me",
        "ComputeSize",
        "Catalog",
        "AgentSpec",
        "Process",
        "Agent",
        "RunRequest",
        "FileEntry",
        "Snapshot",
        "AgreedContent",
        "Conflict",
        "SyncPlan",
        "LogLine",
        "LogPage",
        "TaskSpec",
        "Job",
        "Task",
        "Problem"
      })
  void eachDtoHasExactlyTheFieldsOfItsSchema(String name) throws Exception {
    // Given
    Class<?> dto = Class.forName(Dtos.class.getName() + "$" + name);
    var snake = new PropertyNamingStrategies.SnakeCaseStrategy();
    Set<String> fields =
        Arrays.stream(dto.getRecordComponents())
            .map(c -> snake.translate(c.getName()))
            .collect(Collectors.toCollection(TreeSet::new));
    // When
    Set<String> documented = new TreeSet<>();
    openApi
        .at("/components/schemas/" + name + "/properties")
        .fieldNames()
        .forEachRemaining(documented::add);
    // Then
    assertThat(fields).isEqualTo(documented);
  }

  @Test
  void aSyncPlanSurvivesTheWireWithSnakeCaseNames() throws Exception {
    // Given
    FileEntry a = new FileEntry("src/a.py", 1, 2, "0".repeat(64));
    SyncSession session =
        new SyncSession(
            "s1",
            SyncPlanner.plan(
                Snapshot.of(List.of(a)), Snapshot.empty(), Snapshot.empty(), Instant.EPOCH));
    // When
    String json = Wire.JSON.writeValueAsString(WireMapping.toDto(session));
    SyncSession back = WireMapping.toModel(Wire.JSON.readValue(json, Dtos.SyncPlan.class));
    // Then
    assertThat(json).contains("\"sync_id\"").contains("\"delete_local\"");
    assertThat(back).isEqualTo(session);
  }

  @Test
  void anAgentSpecIsCheckedOnItsWayIn() {
    var dto = WireMapping.toDto(new AgentSpec(JobType.LAB, "cpu-1", 2, List.of("data")));
    assertThat(WireMapping.toModel(dto))
        .isEqualTo(new AgentSpec(JobType.LAB, "cpu-1", 2, List.of("data")));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> WireMapping.toModel(new Dtos.AgentSpec("notebook", "cpu-1", 1, null)))
        .hasMessageContaining("job_type");
    assertThat(AgentId.random().toString()).hasSize(36);
  }

  @Test
  void reprDigestRoundTripsAHexSha256() {
    String hex = "ab".repeat(32);
    assertThat(Wire.sha256Of(Wire.reprDigest(hex))).contains(hex);
    assertThat(Wire.sha256Of("md5=:xyz:")).isEmpty();
  }
}
