package dev.omega.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omega.api.Wire;
import dev.omega.core.model.AgentId;
import dev.omega.core.model.TaskId;
import dev.omega.core.port.ApiException;
import dev.omega.core.port.PlatformException;
import dev.omega.core.port.RemoteFiles;
import dev.omega.core.sync.FileEntry;
import dev.omega.core.sync.Sha256;
import dev.omega.core.sync.Snapshot;
import dev.omega.core.sync.SyncSession;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FilesTest {
  private final StubServer server = StubServer.start();
  private final AgentId id = AgentId.random();
  private final String owner = "/agents/" + id;
  private final HttpPlatform platform = HttpPlatform.connect(server.url(), Optional.of("k-123456"));
  private final RemoteFiles files = platform.agents().files(id);

  @AfterEach
  void stop() {
    platform.close();
    server.close();
  }

  /** Random bytes made as they are read, never held whole; notes its largest single read. */
  private static final class Generated extends InputStream {
    private final Random random = new Random(7);
    private long left;
    int largestRead;

    Generated(long size) {
      this.left = size;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left == 0) {
        return -1;
      }
      largestRead = Math.max(largestRead, len);
      int n = (int) Math.min(len, left);
      byte[] chunk = new byte[n];
      random.nextBytes(chunk);
      System.arraycopy(chunk, 0, b, off, n);
      left -= n;
      return n;
    }
  }

  private static byte[] generated(long size) throws IOException {
    try (InputStream in = new Generated(size)) {
      return in.readAllBytes();
    }
  }

  @Test
  void uploadStreamsTheBodyWithItsDigestToAnEncodedPath() throws IOException {
    // Given
    int size = 3 * 1024 * 1024;
    byte[] expected = generated(size);
    FileEntry entry = new FileEntry("dir/a b#?.txt", size, 1L, Sha256.hex(expected));
    server.on("PUT", owner + "/files/dir/a%20b%23%3F.txt", (ex, req) -> StubServer.empty(ex, 204));
    Generated content = new Generated(size);
    // When
    files.upload(entry, content);
    // Then
    StubServer.Request put = server.requests().get(0);
    assertThat(put.path()).isEqualTo("/api/v1" + owner + "/files/dir/a%20b%23%3F.txt");
    assertThat(put.header(Wire.REPR_DIGEST)).isEqualTo(Wire.reprDigest(entry.sha256()));
    assertThat(put.header("Content-Type")).isEqualTo("application/octet-stream");
    assertThat(put.header("Content-Length")).isEqualTo(String.valueOf(size));
    assertThat(put.body()).isEqualTo(expected);
    assertThat(content.largestRead).isLessThanOrEqualTo(64 * 1024);
  }

  @Test
  void anEmptyFileIsUploadedToo() {
    FileEntry entry = new FileEntry("empty", 0, 1L, Sha256.hex(new byte[0]));
    server.on("PUT", owner + "/files/empty", (ex, req) -> StubServer.empty(ex, 204));
    files.upload(entry, new ByteArrayInputStream(new byte[0]));
    assertThat(server.requests().get(0).body()).isEmpty();
  }

  @Test
  void aDigestRefusedByThePlatformIsAnApiError() {
    byte[] bytes = "hello".getBytes(StandardCharsets.UTF_8);
    FileEntry entry = new FileEntry("a.txt", bytes.length, 1L, Sha256.hex(bytes));
    server.on(
        "PUT",
        owner + "/files/a.txt",
        (ex, req) -> StubServer.problem(ex, 400, "digest-mismatch", "a.txt arrived changed"));
    assertThatThrownBy(() -> files.upload(entry, new ByteArrayInputStream(bytes)))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessage("a.txt arrived changed");
  }

  @Test
  void aLocalReadFailureIsTheCallersNotANetworkError() {
    FileEntry entry = new FileEntry("a.txt", 10, 1L, Sha256.hex(new byte[10]));
    server.on("PUT", owner + "/files/a.txt", (ex, req) -> StubServer.empty(ex, 204));
    InputStream broken =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("disk on fire");
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            throw new IOException("disk on fire");
          }
        };
    assertThatThrownBy(() -> files.upload(entry, broken))
        .isInstanceOf(UncheckedIOException.class)
        .isNotInstanceOf(PlatformException.class)
        .hasMessageContaining("disk on fire");
  }

  @Test
  void aFileShorterThanPlannedIsTheCallersProblem() {
    FileEntry entry = new FileEntry("a.txt", 10, 1L, Sha256.hex(new byte[10]));
    server.on("PUT", owner + "/files/a.txt", (ex, req) -> StubServer.empty(ex, 204));
    assertThatThrownBy(() -> files.upload(entry, new ByteArrayInputStream(new byte[4])))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("changed while it was uploaded");
  }

  @Test
  void planSendsTheSnapshotAndReadsThePlanInSnakeCase() {
    // Given
    String sha = Sha256.hex("x".getBytes(StandardCharsets.UTF_8));
    FileEntry local = new FileEntry("src/main.py", 1, 1_700_000_000_000L, sha);
    server.on(
        "POST",
        owner + "/sync",
        (ex, req) ->
            StubServer.json(
                ex,
                200,
                """
                {"sync_id":"s-1",
                 "upload":[{"path":"src/main.py","size":1,"mtime":1700000000000,"sha256":"%s"}],
                 "download":[],"delete_local":["old.txt"],"delete_remote":[],
                 "conflicts":[{"path":"c.txt","kept_at":".omega/conflicts/t/c.txt"}],
                 "agreed":[{"path":"src/main.py","size":1,"mtime":1700000000000,"sha256":"%s"}]}
                """
                    .formatted(sha, sha)));
    // When
    SyncSession session = files.plan(Snapshot.of(List.of(local)));
    // Then
    assertThat(session.syncId()).isEqualTo("s-1");
    assertThat(session.plan().upload()).containsExactly(local);
    assertThat(session.plan().deleteLocal()).containsExactly("old.txt");
    assertThat(session.plan().conflicts().get(0).keptAt()).contains(".omega/conflicts/t/c.txt");
    assertThat(server.requests()).hasSize(1);
    assertThat(server.requests().get(0).text())
        .isEqualTo(
            "{\"files\":[{\"path\":\"src/main.py\",\"size\":1,\"mtime\":1700000000000,"
                + "\"sha256\":\""
                + sha
                + "\"}],\"left_out\":[]}");
  }

  @Test
  void theAgreedContentIsReadFromTheSyncRouteAndIsEmptyWhenNull() {
    String digest = Snapshot.empty().contentDigest();
    server.on(
        "GET",
        owner + "/sync",
        (ex, req) -> StubServer.json(ex, 200, "{\"content_sha256\":\"%s\"}".formatted(digest)));
    assertThat(files.agreedContent()).contains(digest);
    server.on(
        "GET", owner + "/sync", (ex, req) -> StubServer.json(ex, 200, "{\"content_sha256\":null}"));
    assertThat(files.agreedContent()).isEmpty();
  }

  @Test
  void deleteAndCommitUseTheirRoutes() {
    server.on("DELETE", owner + "/files/dir/a%20b.txt", (ex, req) -> StubServer.empty(ex, 204));
    server.on("POST", owner + "/sync/s%2F1/commit", (ex, req) -> StubServer.empty(ex, 204));
    files.delete("dir/a b.txt");
    files.commit("s/1");
    assertThat(server.requests())
        .extracting(r -> r.method() + " " + r.path())
        .containsExactly(
            "DELETE /api/v1" + owner + "/files/dir/a%20b.txt",
            "POST /api/v1" + owner + "/sync/s%2F1/commit");
  }

  @Test
  void aTasksFilesLiveUnderTheTask() throws IOException {
    TaskId task = TaskId.random();
    byte[] bytes = "cache".getBytes(StandardCharsets.UTF_8);
    FileEntry entry = new FileEntry("c/x.bin", bytes.length, 1L, Sha256.hex(bytes));
    server.on(
        "GET",
        "/tasks/" + task + "/files/c/x.bin",
        (ex, req) -> StubServer.send(ex, 200, "application/octet-stream", bytes));
    try (InputStream in = platform.tasks().files(task).download(entry)) {
      assertThat(in.readAllBytes()).isEqualTo(bytes);
    }
  }
}
