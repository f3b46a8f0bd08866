package dev.omega.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omega.core.model.AgentId;
import dev.omega.core.model.LogLine;
import dev.omega.core.port.ApiException;
import dev.omega.core.port.NetworkException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WatchTest {
  private static final String SSE = "text/event-stream";

  private final StubServer server = StubServer.start();
  private final AgentId id = AgentId.random();
  private final String route = "/agents/" + id + "/watch";
  private final HttpPlatform platform =
      HttpPlatform.connect(
          server.url(),
          Optional.of("k-123456"),
          new HttpPlatform.Timeouts(
              Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(400)));
  private final List<LogLine> seen = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    platform.close();
    server.close();
  }

  private static String line(long offset, String text) {
    return "id: " + offset + "\nevent: line\ndata: " + text + "\n\n";
  }

  @Test
  void linesArriveOnceInOrderAndEndReturns() throws Exception {
    server.on(
        "GET",
        route,
        (ex, req) -> {
          try (OutputStream out = StubServer.stream(ex, 200, SSE)) {
            StubServer.write(out, ": keep-alive\n\n");
            StubServer.write(out, line(0, "zero"));
            StubServer.write(out, ": keep-alive\n\n" + line(1, "one with: colon"));
            StubServer.write(out, line(1, "one with: colon")); // a repeat is dropped
            StubServer.write(out, "id: 2\r\nevent: line\r\ndata:  two\r\n\r\n");
            StubServer.write(out, "event: end\ndata:\n\n");
            StubServer.write(out, line(3, "after the end"));
          }
        });
    platform.agents().watch(id, 0, seen::add);
    assertThat(seen)
        .containsExactly(
            new LogLine(0, "zero"), new LogLine(1, "one with: colon"), new LogLine(2, " two"));
    StubServer.Request request = server.requests().get(0);
    assertThat(request.header("Accept")).isEqualTo(SSE);
    assertThat(request.header("Last-Event-ID")).isNull();
    assertThat(request.header("Authorization")).isEqualTo("Bearer k-123456");
  }

  @Test
  void aStreamClosedWithoutEndIsANetworkErrorAfterTheLinesItCarried() {
    server.on(
        "GET",
        route,
        (ex, req) -> {
          try (OutputStream out = StubServer.stream(ex, 200, SSE)) {
            StubServer.write(out, line(0, "a") + line(1, "b"));
          }
        });
    assertThatThrownBy(() -> platform.agents().watch(id, 0, seen::add))
        .isInstanceOf(NetworkException.class)
        .hasMessageContaining("offset 2");
    assertThat(seen).containsExactly(new LogLine(0, "a"), new LogLine(1, "b"));
  }

  @Test
  void reconnectingFromOffsetKSendsLastEventIdKMinusOne() throws Exception {
    server.on(
        "GET",
        route,
        (ex, req) -> {
          long after = Long.parseLong(req.header("Last-Event-ID"));
          try (OutputStream out = StubServer.stream(ex, 200, SSE)) {
            StubServer.write(out, line(after + 1, "resumed") + "event: end\ndata:\n\n");
          }
        });
    platform.agents().watch(id, 7, seen::add);
    assertThat(server.requests().get(0).header("Last-Event-ID")).isEqualTo("6");
    assertThat(seen).containsExactly(new LogLine(7, "resumed"));
  }

  @Test
  void aSilentStreamPastTheIdleLimitIsANetworkError() {
    server.on(
        "GET",
        route,
        (ex, req) -> {
          OutputStream out = StubServer.stream(ex, 200, SSE);
          StubServer.write(out, line(0, "then silence"));
          server.stall();
        });
    assertThatThrownBy(() -> platform.agents().watch(id, 0, seen::add))
        .isInstanceOf(NetworkException.class)
        .hasMessageContaining("no bytes for 400 ms");
    assertThat(seen).containsExactly(new LogLine(0, "then silence"));
  }

  @Test
  void keepAlivesKeepAStreamOpenPastTheIdleLimit() throws Exception {
    server.on(
        "GET",
        route,
        (ex, req) -> {
          try (OutputStream out = StubServer.stream(ex, 200, SSE)) {
            for (int i = 0; i < 4; i++) {
              StubServer.write(out, ": keep-alive\n\n");
              server.pause(Duration.ofMillis(150));
            }
            StubServer.write(out, line(0, "late") + "event: end\ndata:\n\n");
          }
        });
    long start = System.nanoTime();
    platform.agents().watch(id, 0, seen::add);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(400));
    assertThat(seen).containsExactly(new LogLine(0, "late"));
  }

  @Test
  void anErrorAnswerIsMappedLikeAnyCall() {
    server.on("GET", route, (ex, req) -> StubServer.problem(ex, 404, "not-found", "no agent"));
    assertThatThrownBy(() -> platform.agents().watch(id, 0, seen::add))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404))
        .hasMessage("no agent");
  }

  @Test
  void anInterruptedWatchThrowsInterruptedException() throws Exception {
    server.on(
        "GET",
        route,
        (ex, req) -> {
          OutputStream out = StubServer.stream(ex, 200, SSE);
          StubServer.write(out, line(0, "first"));
          server.stall();
        });
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    try (HttpPlatform patient = HttpPlatform.connect(server.url(), Optional.empty())) {
      Thread watcher =
          new Thread(
              () -> {
                try {
                  patient.agents().watch(id, 0, seen::add);
                } catch (Throwable t) {
                  thrown.set(t);
                }
              });
      watcher.start();
      assertThat(StubServer.eventually(Duration.ofSeconds(5), () -> !seen.isEmpty())).isTrue();
      watcher.interrupt();
      watcher.join(5_000);
      assertThat(watcher.isAlive()).isFalse();
    }
    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
  }
}
