package dev.omega.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import dev.omega.api.Wire;
import dev.omega.core.model.AgentId;
import dev.omega.core.port.ApiException;
import dev.omega.core.port.NetworkException;
import dev.omega.core.port.RemoteFiles;
import dev.omega.core.sync.FileEntry;
import dev.omega.core.sync.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DownloadTest {
  private final StubServer server = StubServer.start();
  private final AgentId id = AgentId.random();
  private final String fileRoute = "/agents/" + id + "/files/data/model.bin";
  private final HttpPlatform platform =
      HttpPlatform.connect(
          server.url(),
          Optional.of("k-123456"),
          new HttpPlatform.Timeouts(
              Duration.ofSeconds(5), Duration.ofMillis(500), Duration.ofSeconds(5)));
  private final RemoteFiles files = platform.agents().files(id);
  private final byte[] content = new byte[300_000];
  private final FileEntry entry;

  DownloadTest() {
    new Random(42).nextBytes(content);
    entry = new FileEntry("data/model.bin", content.length, 1L, Sha256.hex(content));
  }

  @AfterEach
  void stop() {
    platform.close();
    server.close();
  }

  /** Serves {@code content} honouring {@code Range: bytes=n-}, writing at most {@code cut}. */
  private static void serve(HttpExchange ex, String range, byte[] content, int cut)
      throws IOException {
    int from = range == null ? 0 : Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
    ex.getResponseHeaders().set(Wire.REPR_DIGEST, Wire.reprDigest(Sha256.hex(content)));
    ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
    if (from > 0) {
      ex.getResponseHeaders()
          .set(
              "Content-Range", "bytes " + from + "-" + (content.length - 1) + "/" + content.length);
    }
    ex.sendResponseHeaders(from > 0 ? 206 : 200, content.length - from);
    OutputStream out = ex.getResponseBody();
    out.write(content, from, Math.min(cut, content.length - from));
    out.flush();
    ex.close(); // fewer bytes than announced: the connection is dropped
  }

  @Test
  void aWholeBodyArrivesVerified() throws IOException {
    server.on(
        "GET", fileRoute, (ex, req) -> serve(ex, req.header("Range"), content, Integer.MAX_VALUE));
    try (InputStream in = files.download(entry)) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
    assertThat(server.requests().get(0).header("Range")).isNull();
  }

  @Test
  void aDigestMismatchFailsAtTheEnd() {
    byte[] other = content.clone();
    other[1000] ^= 1;
    server.on(
        "GET", fileRoute, (ex, req) -> serve(ex, req.header("Range"), other, Integer.MAX_VALUE));
    assertThatThrownBy(
            () -> {
              try (InputStream in = files.download(entry)) {
                in.readAllBytes();
              }
            })
        .isInstanceOf(IOException.class)
        .hasMessageContaining("digest");
  }

  @Test
  void moreBytesThanPlannedFail() {
    byte[] longer = Arrays.copyOf(content, content.length + 10);
    server.on(
        "GET", fileRoute, (ex, req) -> serve(ex, req.header("Range"), longer, Integer.MAX_VALUE));
    assertThatThrownBy(
            () -> {
              try (InputStream in = files.download(entry)) {
                in.readAllBytes();
              }
            })
        .isInstanceOf(IOException.class)
        .hasMessageContaining("more than the " + content.length);
  }

  @Test
  void aBodyCutMidwayIsResumedWithRangeAndArrivesWhole() throws IOException {
    server.on(
        "GET",
        fileRoute,
        (ex, req) -> {
          boolean first = server.requests().size() == 1;
          serve(ex, req.header("Range"), content, first ? 100_000 : Integer.MAX_VALUE);
        });
    byte[] read;
    try (InputStream in = files.download(entry)) {
      read = in.readAllBytes();
    }
    assertThat(read).isEqualTo(content);
    assertThat(server.requests()).hasSize(2);
    String range = server.requests().get(1).header("Range");
    assertThat(range).matches("bytes=\\d+-");
    long from = Long.parseLong(range.replaceAll("\\D", ""));
    assertThat(from).isPositive().isLessThanOrEqualTo(100_000);
  }

  @Test
  void aStalledBodyIsResumedToo() throws IOException {
    server.on(
        "GET",
        fileRoute,
        (ex, req) -> {
          if (server.requests().size() == 1) {
            ex.sendResponseHeaders(200, content.length);
            ex.getResponseBody().write(content, 0, 50_000);
            ex.getResponseBody().flush();
            server.stall();
          } else {
            serve(ex, req.header("Range"), content, Integer.MAX_VALUE);
          }
        });
    try (InputStream in = files.download(entry)) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
    assertThat(server.requests().get(1).header("Range")).isNotNull();
  }

  @Test
  void aServerThatIgnoresRangeIsReadFromTheStart() throws IOException {
    server.on(
        "GET",
        fileRoute,
        (ex, req) -> serve(ex, null, content, server.requests().size() == 1 ? 70_000 : 1 << 30));
    try (InputStream in = files.download(entry)) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
  }

  @Test
  void aBodyThatKeepsBreakingEndsAsANetworkErrorForTheCoreToRetry() {
    server.on("GET", fileRoute, (ex, req) -> serve(ex, req.header("Range"), content, 1_000));
    assertThatThrownBy(
            () -> {
              try (InputStream in = files.download(entry)) {
                in.readAllBytes();
              }
            })
        .isInstanceOf(NetworkException.class)
        .hasMessageContaining("did not resume");
    assertThat(server.requests()).hasSize(1 + ResumingDownload.RESUMES);
  }

  @Test
  void aMissingFileIsAnApiErrorAtOnce() {
    server.on("GET", fileRoute, (ex, req) -> StubServer.problem(ex, 404, "not-found", "no file"));
    assertThatThrownBy(() -> files.download(entry))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
  }
}
