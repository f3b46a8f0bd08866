package dev.omega.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omega.core.model.AgentId;
import dev.omega.core.port.ApiException;
import dev.omega.core.port.AuthenticationException;
import dev.omega.core.port.NetworkException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorMappingTest {
  private final StubServer server = StubServer.start();
  private final AgentId id = AgentId.random();
  private final String route = "/agents/" + id;
  private final HttpPlatform platform = HttpPlatform.connect(server.url(), Optional.of("k-123456"));

  @AfterEach
  void stop() {
    platform.close();
    server.close();
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 404, 409, 500})
  void anErrorAnswerIsAnApiErrorWithTheServersMessageAndIsSentOnce(int status) {
    // Given
    server.on(
        "POST",
        route + "/stop",
        (ex, req) -> StubServer.problem(ex, status, "illegal-transition", "agent is DEAD"));
    // When / Then
    assertThatThrownBy(() -> platform.agents().stop(id))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(status);
              assertThat(e.type()).isEqualTo("illegal-transition");
              assertThat(e.getMessage()).isEqualTo("agent is DEAD");
            });
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void anErrorWithoutProblemDetailsGetsAReadableMessageWithItsStatus() {
    server.on(
        "GET",
        "/agents",
        (ex, req) -> StubServer.send(ex, 418, "text/html", "<h1>I am a teapot</h1>".getBytes()));
    assertThatThrownBy(() -> platform.agents().list())
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(418);
              assertThat(e.type()).isEqualTo("http-418");
              assertThat(e.getMessage())
                  .contains("GET /agents")
                  .contains("418")
                  .contains("I am a teapot");
            });
  }

  @Test
  void unauthorizedIsAnAuthenticationError() {
    server.on(
        "GET", route, (ex, req) -> StubServer.problem(ex, 401, "unauthorized", "unknown apikey"));
    assertThatThrownBy(() -> platform.agents().inspect(id))
        .isInstanceOf(AuthenticationException.class)
        .hasMessage("unknown apikey");
    assertThat(server.requests()).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(ints = {503, 429})
  void unavailableAndTooManyRequestsAreTransientWithTheirRetryAfter(int status) {
    server.on(
        "GET",
        route,
        (ex, req) -> {
          ex.getResponseHeaders().set("Retry-After", "7");
          StubServer.problem(ex, status, "busy", "come back later");
        });
    assertThatThrownBy(() -> platform.agents().inspect(id))
        .isInstanceOfSatisfying(
            NetworkException.class,
            e -> {
              assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
              assertThat(e.getMessage()).contains(String.valueOf(status), "come back later");
            });
    assertThat(server.requests()).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(ints = {502, 504})
  void gatewayErrorsAreTransient(int status) {
    server.on("GET", route, (ex, req) -> StubServer.send(ex, status, "text/plain", new byte[0]));
    assertThatThrownBy(() -> platform.agents().inspect(id))
        .isInstanceOfSatisfying(NetworkException.class, e -> assertThat(e.retryAfter()).isEmpty());
  }

  @Test
  void aRefusedConnectionIsTransient() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (HttpPlatform nowhere =
        HttpPlatform.connect(URI.create("http://127.0.0.1:" + closedPort), Optional.empty())) {
      assertThatThrownBy(() -> nowhere.agents().list())
          .isInstanceOf(NetworkException.class)
          .hasMessageContaining("GET /agents");
    }
  }

  @Test
  void aSlowAnswerPastTheRequestTimeoutIsTransient() {
    server.on(
        "GET",
        route,
        (ex, req) -> {
          server.stall();
          StubServer.empty(ex, 204);
        });
    HttpPlatform.Timeouts quick =
        new HttpPlatform.Timeouts(
            Duration.ofSeconds(5), Duration.ofMillis(300), Duration.ofSeconds(5));
    try (HttpPlatform impatient = HttpPlatform.connect(server.url(), Optional.empty(), quick)) {
      assertThatThrownBy(() -> impatient.agents().inspect(id)).isInstanceOf(NetworkException.class);
    }
  }

  @Test
  void aSuccessWithAnUnreadableBodyIsNotRetried() {
    server.on("GET", route, (ex, req) -> StubServer.json(ex, 200, "{not json"));
    assertThatThrownBy(() -> platform.agents().inspect(id))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.type()).isEqualTo("bad-response"));
  }
}
