package dev.omega.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omega.api.Dtos;
import dev.omega.api.Wire;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The HTTP API's rules: auth, ownership, idempotent creation, hostile paths, digests. */
class ServerApiTest {
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

  @Test
  void everyCallWithoutAValidTokenIsRefusedWithProblemDetails() throws Exception {
    var none = fixture.call("GET", "/agents", null, null);
    var wrong = fixture.call("GET", "/agents", "not-a-token", null);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith(Wire.PROBLEM_JSON));
    Dtos.Problem problem = Wire.JSON.readValue(wrong.body(), Dtos.Problem.class);
    assertThat(problem.type()).isEqualTo("unauthorized");
    assertThat(problem.detail()).contains("omega login");
    assertThat(fixture.call("GET", "/openapi.yaml", null, null).body())
        .startsWith("openapi: 3.1.0");
  }

  @Test
  void anotherUsersAgentDoesNotExistForYou() {
    String id = idleAgent();
    assertThat(fixture.call("GET", "/agents/" + id, ServerFixture.BOB, null).statusCode())
        .isEqualTo(404);
    assertThat(
            fixture.call("POST", "/agents/" + id + "/kill", ServerFixture.BOB, null).statusCode())
        .isEqualTo(404);
    assertThat(fixture.call("GET", "/agents", ServerFixture.BOB, null).body()).isEqualTo("[]");
    assertThat(fixture.call("GET", "/me", ServerFixture.BOB, null).body())
        .contains("\"user\":\"bob\"");
  }

  @Test
  void anAgentNeverClaimsLimitsThisMachineDoesNotEnforce() {
    // cgroup v2 is what could enforce CPU and memory; without it the view says so
    String id = idleAgent();
    assertThat(fixture.agent(ServerFixture.ALICE, id).limitsEnforced()).isFalse();
  }

  @Test
  void creationIsIdempotentForTheSameSpecAndAConflictForAnother() {
    String id = UUID.randomUUID().toString();
    assertThat(fixture.call("PUT", "/agents/" + id, ServerFixture.ALICE, JOB).statusCode())
        .isEqualTo(201);
    assertThat(fixture.call("PUT", "/agents/" + id, ServerFixture.ALICE, JOB).statusCode())
        .isEqualTo(200);
    var other =
        fixture.call(
            "PUT", "/agents/" + id, ServerFixture.ALICE, JOB.replace("\"job\"", "\"api\""));
    assertThat(other.statusCode()).isEqualTo(409);
    var unknown =
        fixture.call(
            "PUT",
            "/agents/" + UUID.randomUUID(),
            ServerFixture.ALICE,
            JOB.replace("cpu-1", "gpu-9"));
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("compute_size").contains("cpu-1");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "..%2Fescape.txt",
        "a%2Fb.txt",
        "a%5Cb.txt",
        "a%00b.txt",
        "%2e%2e/escape.txt",
        "a/%2e%2e/%2e%2e/x",
        "ctrl%01.txt",
        "storage/datasets/x.txt"
      })
  void aHostilePathIsRefusedBeforeTouchingTheDisk(String path) throws Exception {
    // Given
    String id = idleAgent();
    byte[] bytes = "x".getBytes(StandardCharsets.UTF_8);
    // When
    var response =
        fixture.send(
            HttpRequest.newBuilder(
                    URI.create(fixture.url() + "/api/v1/agents/" + id + "/files/" + path))
                .header(Wire.REPR_DIGEST, Wire.reprDigest(dev.omega.core.sync.Sha256.hex(bytes)))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)),
            ServerFixture.ALICE);
    // Then
    assertThat(response.statusCode()).isEqualTo(400);
    try (var files = Files.walk(data)) {
      assertThat(files.filter(Files::isRegularFile).map(Path::toString))
          .noneMatch(p -> p.endsWith("x.txt") || p.contains("escape"));
    }
  }

  @Test
  void anUploadPastTheDiskSizeIsRefusedWith507BeforeAnyByteIsStored() throws Exception {
    // Given: a 1 GB agent, and an upload announcing more than that
    String id = idleAgent();
    byte[] head =
        ("PUT /api/v1/agents/"
                + id
                + "/files/huge.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer "
                + ServerFixture.ALICE
                + "\r\n"
                + Wire.REPR_DIGEST
                + ": "
                + Wire.reprDigest("0".repeat(64))
                + "\r\n"
                + "Content-Length: "
                + ((1L << 30) + 1)
                + "\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    // When: the headers and a first kilobyte are sent
    String answer;
    try (var socket = new java.net.Socket("127.0.0.1", fixture.url().getPort())) {
      socket.getOutputStream().write(head);
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

  @Test
  void anUploadCutOffMidwayLeavesNoFileAndNoPartOfOne() throws Exception {
    // Given
    String id = idleAgent();
    int port = fixture.url().getPort();
    byte[] head =
        ("PUT /api/v1/agents/"
                + id
                + "/files/cut.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer "
                + ServerFixture.ALICE
                + "\r\n"
                + Wire.REPR_DIGEST
                + ": "
                + Wire.reprDigest("0".repeat(64))
                + "\r\n"
                + "Content-Length: 1000000\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    // When: half the body, then the connection drops
    try (var socket = new java.net.Socket("127.0.0.1", port)) {
      socket.getOutputStream().write(head);
      socket.getOutputStream().write(new byte[500_000]);
      socket.getOutputStream().flush();
    }
    // Then: once the server has noticed, nothing is left of it
    Path uploads = data.resolve("agents/" + id + "/uploads");
    ServerFixture.await(
        "the staging folder to be empty",
        () -> {
          try (var files = Files.list(uploads)) {
            return files.findAny().isEmpty();
          } catch (java.io.IOException e) {
            return false;
          }
        });
    assertThat(data.resolve("agents/" + id + "/workspace/cut.bin")).doesNotExist();
  }

  @Test
  void anUploadWhoseDigestDoesNotMatchChangesNothing() throws Exception {
    String id = idleAgent();
    byte[] good = "good".getBytes(StandardCharsets.UTF_8);
    var put =
        fixture.send(
            HttpRequest.newBuilder(
                    URI.create(fixture.url() + "/api/v1/agents/" + id + "/files/dir/a%20b.txt"))
                .header(Wire.REPR_DIGEST, Wire.reprDigest(dev.omega.core.sync.Sha256.hex(good)))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(good)),
            ServerFixture.ALICE);
    assertThat(put.statusCode()).isEqualTo(204);
    var bad =
        fixture.send(
            HttpRequest.newBuilder(
                    URI.create(fixture.url() + "/api/v1/agents/" + id + "/files/dir/a%20b.txt"))
                .header(Wire.REPR_DIGEST, Wire.reprDigest(dev.omega.core.sync.Sha256.hex(good)))
                .PUT(
                    HttpRequest.BodyPublishers.ofByteArray(
                        "evil".getBytes(StandardCharsets.UTF_8))),
            ServerFixture.ALICE);
    assertThat(bad.statusCode()).isEqualTo(400);
    Path file = data.resolve("agents/" + id + "/workspace/dir/a b.txt");
    assertThat(file).hasContent("good");
    try (var staging = Files.list(data.resolve("agents/" + id + "/uploads"))) {
      assertThat(staging).isEmpty();
    }
    var range =
        fixture.send(
            HttpRequest.newBuilder(
                    URI.create(fixture.url() + "/api/v1/agents/" + id + "/files/dir/a%20b.txt"))
                .header("Range", "bytes=2-"),
            ServerFixture.ALICE);
    assertThat(range.statusCode()).isEqualTo(206);
    assertThat(new String(range.body(), StandardCharsets.UTF_8)).isEqualTo("od");
    assertThat(range.headers().firstValue(Wire.REPR_DIGEST))
        .contains(Wire.reprDigest(dev.omega.core.sync.Sha256.hex(good)));
  }

  @Test
  void aLogStreamDeliversEachLineWhileTheProcessStillRuns() throws Exception {
    // Given: a process that prints one line, then stays quiet for 10 s
    String id = idleAgent();
    fixture.started(id);
    String run = "{\"command\":\"echo first; sleep 10; echo second\",\"env\":{}}";
    assertThat(
            fixture.call("POST", "/agents/" + id + "/run", ServerFixture.ALICE, run).statusCode())
        .isEqualTo(200);
    long start = System.nanoTime();
    // When
    var stream =
        java.net.http.HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(fixture.url() + "/api/v1/agents/" + id + "/watch"))
                    .header("Authorization", "Bearer " + ServerFixture.ALICE)
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofLines());
    // Then: the first line arrives long before the process ends
    try (var lines = stream.body()) {
      assertThat(lines.filter(l -> l.startsWith("data: ")).findFirst()).contains("data: first");
    }
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
        .isLessThan(java.time.Duration.ofSeconds(5));
  }
}
