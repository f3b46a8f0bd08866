package dev.omega.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omega.api.Wire;
import dev.omega.core.sync.Sha256;
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
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests no honest client sends (issue 8, hostile input): oversized bodies and headers, another
 * user's ids on every route, paths that would leave the workspace, links a process planted in it.
 * Each is refused with the right status, and the server goes on serving.
 */
class HostileRequestsTest {
  private static final String JOB =
      "{\"job_type\":\"job\",\"compute_size\":\"cpu-1\",\"disk_size\":1}";
  private static final String TASK =
      "{\"job_type\":\"job\",\"job_schedule\":\"0 3 * * *\",\"command\":\"true\","
          + "\"compute_size\":\"cpu-1\",\"disk_size\":1}";
  private static final String ZERO_SHA =
      "0000000000000000000000000000000000000000000000000000000000000000";

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
    fixture.started(id);
    ServerFixture.await(
        "IDLE", () -> fixture.agent(ServerFixture.ALICE, id).status().equals("IDLE"));
    return id;
  }

  private void stillServing() {
    assertThat(fixture.call("GET", "/me", ServerFixture.ALICE, null).body()).contains("alice");
  }

  private Path workspace(String id) {
    return data.resolve("agents").resolve(id).resolve("workspace");
  }

  private String head(String method, String path, String... headers) {
    return method
        + " /api/v1"
        + path
        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
        + ServerFixture.ALICE
        + (headers.length == 0 ? "" : "\r\n" + String.join("\r\n", headers));
  }

  @Test
  void aJsonBodyAnnouncedPastTheLimitIs413BeforeItIsRead() throws Exception {
    // Given
    String id = UUID.randomUUID().toString();
    // When: 200 MB announced, a first 64 KiB sent
    String status =
        RawHttp.statusLine(
            fixture.url(),
            head(
                "PUT",
                "/agents/" + id,
                "Content-Type: application/json",
                "Content-Length: 200000000"),
            "{\"job_type\":\"",
            (byte) 'x',
            64 * 1024);
    // Then
    assertThat(status).contains(" 413 ");
    assertThat(fixture.call("GET", "/agents/" + id, ServerFixture.ALICE, null).statusCode())
        .isEqualTo(404);
    stillServing();
  }

  @Test
  void aChunkedJsonBodyIs413AsSoonAsItGrowsPastTheLimit() throws Exception {
    // Given
    String id = UUID.randomUUID().toString();
    // When: one chunk of 3 MiB, no length announced
    int size = 3 << 20;
    String status =
        RawHttp.statusLine(
            fixture.url(),
            head(
                "PUT",
                "/agents/" + id,
                "Content-Type: application/json",
                "Transfer-Encoding: chunked"),
            Integer.toHexString(size + 13) + "\r\n{\"job_type\":\"",
            (byte) 'x',
            size);
    // Then
    assertThat(status).contains(" 413 ");
    stillServing();
  }

  @Test
  void aSnapshotMayBeFarLargerThanASpecButNotUnbounded() throws Exception {
    String id = idleAgent();
    String status =
        RawHttp.statusLine(
            fixture.url(),
            head(
                "POST",
                "/agents/" + id + "/sync",
                "Content-Type: application/json",
                "Content-Length: " + (JsonBody.SNAPSHOT_LIMIT + 1)),
            "{\"files\":[",
            (byte) ' ',
            1024);
    assertThat(status).contains(" 413 ");
    stillServing();
  }

  @Test
  void jsonNestedAHundredThousandDeepIs400AndTheServerSurvives() {
    var response =
        fixture.call(
            "PUT",
            "/agents/" + UUID.randomUUID(),
            ServerFixture.ALICE,
            "{\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}");
    assertThat(response.statusCode()).isEqualTo(400);
    stillServing();
  }

  @Test
  void aHeaderOf64KibIs431AndTheServerSurvives() throws Exception {
    String status =
        RawHttp.statusLine(
            fixture.url(), head("GET", "/me", "X-Junk: " + "j".repeat(64 * 1024)), "", (byte) 0, 0);
    assertThat(status).contains(" 431 ");
    stillServing();
  }

  @Test
  void aHugeApikeyIs431NotAServerError() throws Exception {
    String status =
        RawHttp.statusLine(
            fixture.url(),
            "GET /api/v1/me HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + "k".repeat(100_000),
            "",
            (byte) 0,
            0);
    assertThat(status).contains(" 431 ");
    stillServing();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "GET    | ''",
        "POST   | /run",
        "POST   | /stop",
        "POST   | /kill",
        "GET    | /sync",
        "POST   | /sync",
        "POST   | /sync/00000000-0000-0000-0000-000000000000/commit",
        "PUT    | /files/planted.txt",
        "GET    | /files/mine.txt",
        "DELETE | /files/mine.txt",
        "GET    | /logs",
        "GET    | /watch"
      })
  void anotherUsersAgentIsNotFoundOnEveryRoute(String method, String route) throws Exception {
    // Given: Alice's agent with a file
    String id = idleAgent();
    Files.writeString(workspace(id).resolve("mine.txt"), "alice's");
    // When
    String body =
        route.equals("/run")
            ? "{\"command\":\"touch pwned\"}"
            : route.equals("/sync") ? "{\"files\":[]}" : "x";
    var response =
        fixture.send(
            HttpRequest.newBuilder(URI.create(fixture.url() + "/api/v1/agents/" + id + route))
                .header(Wire.REPR_DIGEST, Wire.reprDigest(Sha256.hex(Sha256.newDigest())))
                .method(method, HttpRequest.BodyPublishers.ofString(body)),
            ServerFixture.BOB);
    // Then
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain("alice's");
    assertThat(fixture.agent(ServerFixture.ALICE, id).status()).isEqualTo("IDLE");
    assertThat(workspace(id).resolve("mine.txt")).hasContent("alice's");
    assertThat(workspace(id).resolve("planted.txt")).doesNotExist();
    assertThat(workspace(id).resolve("pwned")).doesNotExist();
  }

  @Test
  void anotherUsersAgentIdCannotBeTakenOver() {
    String id = idleAgent();
    var takeover =
        fixture.call("PUT", "/agents/" + id, ServerFixture.BOB, JOB.replace("cpu-1", "cpu-2"));
    assertThat(takeover.statusCode()).isEqualTo(409);
    assertThat(fixture.agent(ServerFixture.ALICE, id).computeSize()).isEqualTo("cpu-1");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "/enable", "/disable", "/run", "/stop", "/sync", "/files/x.txt", "/logs"})
  void anotherUsersTaskIsNotFoundOnEveryRoute(String route) {
    // Given
    String id = UUID.randomUUID().toString();
    assertThat(fixture.call("PUT", "/tasks/" + id, ServerFixture.ALICE, TASK).statusCode())
        .isEqualTo(201);
    fixture.startedTask(id);
    String before = fixture.call("GET", "/tasks/" + id, ServerFixture.ALICE, null).body();
    // When
    String method =
        route.isEmpty() || route.equals("/logs") || route.startsWith("/files") ? "GET" : "POST";
    var response =
        fixture.call(
            method, "/tasks/" + id + route, ServerFixture.BOB, route.equals("/sync") ? "{}" : null);
    // Then
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(fixture.call("GET", "/tasks/" + id, ServerFixture.ALICE, null).body())
        .isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"files\":[{\"path\":\"../escape.txt\",\"size\":1,\"mtime\":0,\"sha256\":\""
            + ZERO_SHA
            + "\"}]}",
        "{\"files\":[{\"path\":\"/etc/passwd\",\"size\":1,\"mtime\":0,\"sha256\":\""
            + ZERO_SHA
            + "\"}]}",
        "{\"files\":[{\"path\":\"a\\\\b.txt\",\"size\":1,\"mtime\":0,\"sha256\":\""
            + ZERO_SHA
            + "\"}]}",
        "{\"files\":[{\"path\":\"a\\u0000b\",\"size\":1,\"mtime\":0,\"sha256\":\""
            + ZERO_SHA
            + "\"}]}",
        "{\"files\":[{\"path\":\"new\\nline\",\"size\":1,\"mtime\":0,\"sha256\":\""
            + ZERO_SHA
            + "\"}]}",
        "{\"files\":[],\"left_out\":[\"../../etc\"]}"
      })
  void aSnapshotNamingAPathOutsideTheWorkspaceIs400(String snapshot) {
    String id = idleAgent();
    var response = fixture.call("POST", "/agents/" + id + "/sync", ServerFixture.ALICE, snapshot);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.body()).contains("invalid-input");
  }

  @ParameterizedTest
  @ValueSource(strings = {"%2Fetc%2Fpasswd", "/etc/passwd", "a/%2E%2E/%2E%2E/x"})
  void anAbsoluteOrClimbingFilePathIs400(String path) {
    String id = idleAgent();
    var response =
        fixture.send(
            HttpRequest.newBuilder(
                    URI.create(fixture.url() + "/api/v1/agents/" + id + "/files/" + path))
                .GET(),
            ServerFixture.ALICE);
    assertThat(response.statusCode()).isEqualTo(400);
  }

  @Test
  void aLinkAProcessLeftInTheWorkspaceIsNeitherListedNorServed() throws Exception {
    // Given: the process made a link to a file outside its workspace
    String id = idleAgent();
    Path secret = Files.writeString(data.resolve("secret.txt"), "secret");
    Files.createSymbolicLink(workspace(id).resolve("leak.txt"), secret);
    // When
    var plan =
        fixture.call("POST", "/agents/" + id + "/sync", ServerFixture.ALICE, "{\"files\":[]}");
    var download =
        fixture.send(
            HttpRequest.newBuilder(
                    URI.create(fixture.url() + "/api/v1/agents/" + id + "/files/leak.txt"))
                .GET(),
            ServerFixture.ALICE);
    // Then
    assertThat(plan.statusCode()).isEqualTo(200);
    assertThat(plan.body()).doesNotContain("leak.txt");
    assertThat(download.statusCode()).isIn(400, 404);
    assertThat(new String(download.body(), StandardCharsets.UTF_8)).doesNotContain("secret");
  }

  @Test
  void anUploadThroughAFolderLinkAProcessLeftIsRefusedAndNothingLandsOutside() throws Exception {
    // Given
    String id = idleAgent();
    Path outside = Files.createDirectory(data.resolve("outside"));
    Files.createSymbolicLink(workspace(id).resolve("escape"), outside);
    byte[] bytes = "planted".getBytes(StandardCharsets.UTF_8);
    // When
    var response =
        fixture.send(
            HttpRequest.newBuilder(
                    URI.create(
                        fixture.url() + "/api/v1/agents/" + id + "/files/escape/planted.txt"))
                .header(Wire.REPR_DIGEST, Wire.reprDigest(Sha256.hex(bytes)))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)),
            ServerFixture.ALICE);
    // Then
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("symbolic link");
    try (var files = Files.list(outside)) {
      assertThat(files).isEmpty();
    }
  }
}
