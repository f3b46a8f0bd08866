package dev.omega.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omega.api.Dtos;
import dev.omega.api.Wire;
import dev.omega.api.WireMapping;
import dev.omega.core.sync.FileEntry;
import dev.omega.core.sync.Sha256;
import dev.omega.core.sync.Snapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET .../sync}: the agreed snapshot's content digest while the workspace holds it, null
 * once it changed; a sync request always carries its files; a plan's {@code agreed} lists only the
 * paths it touches.
 */
class SyncDigestTest {
  private static final String JOB =
      "{\"job_type\":\"job\",\"compute_size\":\"cpu-1\",\"disk_size\":1}";

  @TempDir Path data;
  private ServerFixture fixture;
  private String id;

  @BeforeEach
  void startServer() {
    fixture = new ServerFixture(data);
    id = UUID.randomUUID().toString();
    assertThat(fixture.call("PUT", "/agents/" + id, ServerFixture.ALICE, JOB).statusCode())
        .isEqualTo(201);
    ServerFixture.await(
        "IDLE", () -> fixture.agent(ServerFixture.ALICE, id).status().equals("IDLE"));
  }

  @AfterEach
  void stopServer() {
    fixture.close();
  }

  private static FileEntry entry(String path, String content) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    return new FileEntry(path, bytes.length, 1_600_000_000_000L, Sha256.hex(bytes));
  }

  private java.net.http.HttpResponse<String> plan(Dtos.Snapshot request) throws Exception {
    return fixture.call(
        "POST",
        "/agents/" + id + "/sync",
        ServerFixture.ALICE,
        Wire.JSON.writeValueAsString(request));
  }

  /** Uploads the files one by one and commits, as a client would. */
  private Snapshot synced(List<FileEntry> entries) throws Exception {
    Snapshot local = Snapshot.of(entries);
    Dtos.SyncPlan plan =
        Wire.JSON.readValue(plan(WireMapping.toDto(local)).body(), Dtos.SyncPlan.class);
    for (FileEntry e : entries) {
      Path file = data.resolve("agents/" + id + "/workspace/" + e.path());
      Files.createDirectories(file.getParent());
      Files.writeString(file, e.path().equals("a.txt") ? "aaa" : "bbbb");
      Files.setLastModifiedTime(
          file, java.nio.file.attribute.FileTime.fromMillis(1_600_000_000_000L));
    }
    assertThat(
            fixture
                .call(
                    "POST",
                    "/agents/" + id + "/sync/" + plan.syncId() + "/commit",
                    ServerFixture.ALICE,
                    null)
                .statusCode())
        .isEqualTo(204);
    return local;
  }

  private String agreedContent() throws Exception {
    var answer = fixture.call("GET", "/agents/" + id + "/sync", ServerFixture.ALICE, null);
    assertThat(answer.statusCode()).isEqualTo(200);
    return Wire.JSON.readValue(answer.body(), Dtos.AgreedContent.class).contentSha256();
  }

  @Test
  void theAgreedContentIsAnsweredWhileTheWorkspaceHoldsIt() throws Exception {
    // Given
    Snapshot local = synced(List.of(entry("a.txt", "aaa"), entry("b.txt", "bbbb")));
    // When / Then: a client with this snapshot has nothing to sync
    assertThat(agreedContent()).isEqualTo(local.contentDigest());
  }

  @Test
  void noAgreedContentIsAnsweredOnceTheWorkspaceChangedSince() throws Exception {
    // Given: the agent wrote a file after the last sync
    synced(List.of(entry("a.txt", "aaa"), entry("b.txt", "bbbb")));
    Files.writeString(data.resolve("agents/" + id + "/workspace/out.txt"), "result");
    // When / Then
    assertThat(agreedContent()).isNull();
  }

  @Test
  void aSyncRequestWithoutItsFilesIsRefusedNotPlannedAsAnEmptyProject() throws Exception {
    // Given
    Snapshot local = synced(List.of(entry("a.txt", "aaa"), entry("b.txt", "bbbb")));
    // When: a request that names no files (as older clients sent only a digest)
    var answer =
        fixture.call(
            "POST",
            "/agents/" + id + "/sync",
            ServerFixture.ALICE,
            "{\"content_sha256\":\"" + local.contentDigest() + "\"}");
    // Then: refused, where a plan for an empty project would delete every file
    assertThat(answer.statusCode()).isEqualTo(409);
    assertThat(Wire.JSON.readValue(answer.body(), Dtos.Problem.class).detail())
        .contains("needs its files");
    assertThat(agreedContent()).isEqualTo(local.contentDigest());
  }

  @Test
  void aPlansAgreedListsOnlyThePathsItTouches() throws Exception {
    // Given
    synced(List.of(entry("a.txt", "aaa"), entry("b.txt", "bbbb")));
    // When: a.txt changed locally
    Snapshot changed = Snapshot.of(List.of(entry("a.txt", "AAAAA"), entry("b.txt", "bbbb")));
    Dtos.SyncPlan plan =
        Wire.JSON.readValue(plan(WireMapping.toDto(changed)).body(), Dtos.SyncPlan.class);
    // Then
    assertThat(plan.upload()).extracting(Dtos.FileEntry::path).containsExactly("a.txt");
    assertThat(plan.agreed()).extracting(Dtos.FileEntry::path).containsExactly("a.txt");
  }
}
