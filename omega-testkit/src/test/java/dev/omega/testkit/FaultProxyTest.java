package dev.omega.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.omega.testkit.FaultProxy.Fault;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The proxy's faults as an HTTP client meets them, in front of a small JDK server. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class FaultProxyTest {
  private static final int BIG = 200_000;

  private final AtomicInteger served = new AtomicInteger();
  private final HttpServer target = target();
  private final FaultProxy proxy = start(7);
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @AfterEach
  void stop() {
    client.close();
    proxy.close();
    target.stop(0);
  }

  private HttpServer target() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/",
          exchange -> {
            served.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] body = new byte[exchange.getRequestURI().getPath().equals("/big") ? BIG : 2];
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          });
      server.start();
      return server;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private FaultProxy start(long seed) {
    try {
      return FaultProxy.start("127.0.0.1", target.getAddress().getPort(), seed);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private HttpResponse<byte[]> get(FaultProxy via, String path, Duration timeout) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(via.url() + path)).timeout(timeout).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<byte[]> get(String path) throws Exception {
    return get(proxy, path, Duration.ofSeconds(5));
  }

  @Test
  void withoutFaultsEverythingIsForwarded() throws Exception {
    // When
    HttpResponse<byte[]> big = get("/big");
    HttpResponse<byte[]> upload =
        client.send(
            HttpRequest.newBuilder(URI.create(proxy.url() + "/up"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[BIG]))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    // Then
    assertThat(big.body()).hasSize(BIG);
    assertThat(upload.statusCode()).isEqualTo(200);
    assertThat(proxy.counts().requests()).isEqualTo(2);
    assertThat(proxy.counts().faults()).isZero();
  }

  @Test
  void theNextRequestsAreAnsweredByTheProxyWithRetryAfter() throws Exception {
    // Given
    proxy.answerNext(1, 503).answerNext(1, 429);
    // When
    HttpResponse<byte[]> first = get("/a");
    HttpResponse<byte[]> second = get("/a");
    HttpResponse<byte[]> third = get("/a");
    // Then
    assertThat(first.statusCode()).isEqualTo(503);
    assertThat(first.headers().firstValue("Retry-After")).contains("1");
    assertThat(second.statusCode()).isEqualTo(429);
    assertThat(third.statusCode()).isEqualTo(200);
    assertThat(served).hasValue(1);
    assertThat(proxy.counts().answered()).isEqualTo(2);
  }

  @Test
  void aResetOrATruncationCutsTheResponseMidway() throws Exception {
    // Given
    proxy.inject(Fault.RESET, "/big ", 50_000).inject(Fault.TRUNCATE, "/big ", 50_000);
    // When / Then
    assertThatThrownBy(() -> get("/big")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> get("/big")).isInstanceOf(IOException.class);
    assertThat(get("/big").body()).hasSize(BIG);
    assertThat(proxy.counts().resets()).isEqualTo(1);
    assertThat(proxy.counts().truncations()).isEqualTo(1);
  }

  @Test
  void aStallOutlastsTheClientsTimeoutAndCloseEndsIt() throws Exception {
    // Given
    proxy.stallFor(Duration.ofMinutes(1)).inject(Fault.STALL, "/a ", 0);
    // When / Then
    assertThatThrownBy(() -> get(proxy, "/a", Duration.ofMillis(300)))
        .isInstanceOf(HttpTimeoutException.class);
    assertThat(proxy.counts().stalls()).isEqualTo(1);
    proxy.close();
    assertThatThrownBy(() -> get("/a")).isInstanceOf(IOException.class);
  }

  @Test
  void aDelayedRequestStillSucceeds() throws Exception {
    // Given
    proxy.delayBy(Duration.ofMillis(300)).inject(Fault.DELAY, "/a ", 0);
    long start = System.nanoTime();
    // When
    HttpResponse<byte[]> response = get("/a");
    // Then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(300));
    assertThat(proxy.counts().delays()).isEqualTo(1);
  }

  @Test
  void randomFaultsRepeatWithTheSameSeed() throws Exception {
    // Given
    try (FaultProxy again = start(7)) {
      proxy.randomFaults(0.5, Fault.RESET, Fault.TRUNCATE);
      again.randomFaults(0.5, Fault.RESET, Fault.TRUNCATE);
      // When
      String outcomes = outcomes(proxy);
      // Then
      assertThat(outcomes).contains("ok").contains("failed").isEqualTo(outcomes(again));
      assertThat(proxy.counts()).isEqualTo(again.counts());
    }
  }

  /**
   * Twenty requests, each on a new client: the JDK retries a request whose reused connection broke
   * before any answer, which would add requests (and draws) depending on timing.
   */
  private static String outcomes(FaultProxy via) {
    StringBuilder outcomes = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      try (HttpClient fresh =
          HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
        fresh.send(
            HttpRequest.newBuilder(URI.create(via.url() + "/big")).build(),
            HttpResponse.BodyHandlers.ofByteArray());
        outcomes.append("ok ");
      } catch (Exception e) {
        outcomes.append("failed ");
      }
    }
    return outcomes.toString();
  }
}
