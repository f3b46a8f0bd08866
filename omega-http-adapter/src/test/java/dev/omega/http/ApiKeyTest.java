package dev.omega.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.omega.core.model.AgentId;
import dev.omega.core.model.TaskId;
import dev.omega.core.sync.FileEntry;
import dev.omega.core.sync.Sha256;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The apikey goes in the Authorization header and nowhere else. */
class ApiKeyTest {
  private static final String KEY = "sk-live-0123456789abcdef";

  private final StubServer server = StubServer.start();
  private final AgentId id = AgentId.random();
  private final String route = "/agents/" + id;
  private final HttpPlatform platform = HttpPlatform.connect(server.url(), Optional.of(KEY));
  private final List<Throwable> failures = new ArrayList<>();

  @AfterEach
  void stop() {
    platform.close();
    server.close();
  }

  private void record(ThrowingCall call) {
    Throwable thrown = catchThrowable(call::run);
    assertThat(thrown).isNotNull();
    failures.add(thrown);
  }

  @FunctionalInterface
  private interface ThrowingCall {
    void run() throws Exception;
  }

  @Test
  void aKeyLongerThanAnyHeaderLimitIsRefusedBeforeAnythingIsSentAndNotEchoed() {
    String huge = "k".repeat(100_000);
    Throwable thrown =
        catchThrowable(() -> HttpPlatform.connect(server.url(), Optional.of(huge)).close());
    assertThat(thrown)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("100000 characters long")
        .hasMessageNotContaining("kkkkkkkk");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void theKeyIsSentAsBearerAndAppearsInNoMessageOrToString() throws Exception {
    // Given: a platform that fails every way, some answers echoing the key back.
    server.on(
        "GET", route, (ex, req) -> StubServer.problem(ex, 400, "bad", "bad key " + KEY + " here"));
    server.on(
        "GET", "/agents", (ex, req) -> StubServer.problem(ex, 401, "unauthorized", "no " + KEY));
    server.on("GET", "/tasks", (ex, req) -> StubServer.problem(ex, 503, "busy", "busy for " + KEY));
    server.on(
        "POST",
        route + "/stop",
        (ex, req) ->
            StubServer.send(ex, 500, "text/plain", ("Authorization: Bearer " + KEY).getBytes()));
    server.on(
        "GET",
        route + "/watch",
        (ex, req) -> {
          try (OutputStream out = StubServer.stream(ex, 200, "text/event-stream")) {
            StubServer.write(out, "id: 0\nevent: line\ndata: x\n\n");
          }
        });
    byte[] bytes = "abc".getBytes(StandardCharsets.UTF_8);
    FileEntry entry = new FileEntry("f.txt", 3, 1L, Sha256.hex("xyz".getBytes()));
    server.on(
        "GET",
        route + "/files/f.txt",
        (ex, req) -> StubServer.send(ex, 200, "application/octet-stream", bytes));
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    // When
    record(() -> platform.agents().inspect(id));
    record(() -> platform.agents().list());
    record(() -> platform.tasks().list());
    record(() -> platform.agents().stop(id));
    record(() -> platform.agents().watch(id, 0, line -> {}));
    record(
        () -> {
          try (InputStream in = platform.agents().files(id).download(entry)) {
            in.readAllBytes();
          }
        });
    record(() -> platform.agents().files(id).upload(entry, new ByteArrayInputStream(bytes)));
    try (HttpPlatform nowhere =
        HttpPlatform.connect(URI.create("http://127.0.0.1:" + closedPort), Optional.of(KEY))) {
      record(() -> nowhere.tasks().inspect(TaskId.random()));
      assertThat(nowhere.toString()).doesNotContain(KEY);
    }
    // Then
    assertThat(server.requests())
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + KEY));
    assertThat(failures).hasSize(8);
    for (Throwable failure : failures) {
      StringWriter trace = new StringWriter();
      failure.printStackTrace(new PrintWriter(trace));
      assertThat(trace.toString()).doesNotContain(KEY);
      for (Throwable t = failure; t != null; t = t.getCause()) {
        assertThat(String.valueOf(t.getMessage())).doesNotContain(KEY);
      }
    }
    assertThat(failures.get(0).getMessage()).isEqualTo("bad key <apikey> here");
    for (Object adapter :
        List.of(
            platform,
            platform.agents(),
            platform.tasks(),
            platform.agents().files(id),
            platform.tasks().files(TaskId.random()))) {
      assertThat(adapter.toString()).doesNotContain(KEY);
    }
  }
}
