package dev.omega.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omega.api.TarFormat;
import dev.omega.core.sync.FileEntry;
import dev.omega.core.sync.Sha256;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST .../files}: many files in one tar stream, each checked like a single upload. */
class BatchUploadTest {
  private static final String JOB =
      "{\"job_type\":\"job\",\"compute_size\":\"cpu-1\",\"disk_size\":1}";

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

  private String idleAgent() {
    String id = UUID.randomUUID().toString();
    assertThat(fixture.call("PUT", "/agents/" + id, ServerFixture.ALICE, JOB).statusCode())
        .isEqualTo(201);
    ServerFixture.await(
        "IDLE", () -> fixture.agent(ServerFixture.ALICE, id).status().equals("IDLE"));
    return id;
  }

  private static byte[] archive(FileEntry entry, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(TarFormat.header(entry));
    out.writeBytes(content);
    out.writeBytes(new byte[TarFormat.padding(content.length)]);
    out.writeBytes(TarFormat.end());
    return out.toByteArray();
  }

  private int post(String id, byte[] body) {
    return fixture
        .send(
            HttpRequest.newBuilder(URI.create(fixture.url() + "/api/v1/agents/" + id + "/files"))
                .header("Content-Type", TarFormat.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)),
            ServerFixture.ALICE)
        .statusCode();
  }

  @Test
  void aFileStoredFromABatchKeepsTheModificationTimeItWasSentWith() throws Exception {
    // Given
    String id = idleAgent();
    byte[] content = "hello".getBytes(StandardCharsets.UTF_8);
    FileEntry entry = new FileEntry("src/a.txt", 5, 1_600_000_000_000L, Sha256.hex(content));
    // When
    int status = post(id, archive(entry, content));
    // Then
    assertThat(status).isEqualTo(204);
    Path stored = data.resolve("agents/" + id + "/workspace/src/a.txt");
    assertThat(stored).hasBinaryContent(content);
    assertThat(Files.getLastModifiedTime(stored).toMillis()).isEqualTo(1_600_000_000_000L);
  }

  @Test
  void aBatchWhosePathLeavesTheWorkspaceIsRefused() {
    String id = idleAgent();
    byte[] content = "x".getBytes(StandardCharsets.UTF_8);
    FileEntry entry = new FileEntry("aa/escape.txt", 1, 0, Sha256.hex(content));
    // The path in the pax header (not covered by the header checksum) made hostile.
    String tar = new String(archive(entry, content), StandardCharsets.ISO_8859_1);
    byte[] hostile =
        tar.replace("path=aa/escape.txt", "path=../escape.txt")
            .getBytes(StandardCharsets.ISO_8859_1);
    assertThat(post(id, hostile)).isEqualTo(400);
    assertThat(data.resolve("agents/" + id + "/escape.txt")).doesNotExist();
  }

  @Test
  void aBodyThatIsNotATarArchiveIsRefused() {
    String id = idleAgent();
    assertThat(post(id, "not a tar archive".repeat(40).getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(400);
  }

  @Test
  void aFileOfABatchPastTheDiskSizeIsRefusedWith507BeforeItsBytesAreStored() throws Exception {
    // Given: a 1 GB agent, and a batch whose file announces more than that
    String id = idleAgent();
    FileEntry huge = new FileEntry("huge.bin", (1L << 30) + 1, 0, "0".repeat(64));
    byte[] header = TarFormat.header(huge);
    byte[] head =
        ("POST /api/v1/agents/"
                + id
                + "/files HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer "
                + ServerFixture.ALICE
                + "\r\nContent-Type: "
                + TarFormat.CONTENT_TYPE
                + "\r\nContent-Length: "
                + (header.length + huge.size() + 1024)
                + "\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    // When: the headers and a first kilobyte of the file are sent
    String answer;
    try (var socket = new java.net.Socket("127.0.0.1", fixture.url().getPort())) {
      socket.getOutputStream().write(head);
      socket.getOutputStream().write(header);
      socket.getOutputStream().write(new byte[1024]);
      socket.getOutputStream().flush();
      answer =
          new java.io.BufferedReader(
                  new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
              .readLine();
    }
    // Then
    assertThat(answer).contains(" 507 ");
    assertThat(data.resolve("agents/" + id + "/workspace/huge.bin")).doesNotExist();
  }
}
