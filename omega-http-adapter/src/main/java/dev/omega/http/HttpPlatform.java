package dev.omega.http;

import static java.util.Objects.requireNonNull;

import dev.omega.api.Dtos;
import dev.omega.core.port.AgentApi;
import dev.omega.core.port.TaskApi;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The platform's agents and tasks over the HTTP API v1 ({@code dev.omega.api.Wire}): the one public
 * entry to this module.
 *
 * <p>What the adapters do under faults, decided in {@link Errors}: a 401 is an {@code
 * AuthenticationException}; a failed connection, a reset, a timeout, a silent stream, 429, 502, 503
 * and 504 are {@code NetworkException}s carrying any Retry-After; any other error answer, and a TLS
 * handshake or certificate failure ({@code ApiException} with status 0 and type {@code tls}), is an
 * {@code ApiException}. The adapters never retry a call: the core does, so retries never multiply.
 * The one exception is a download cut mid-body, which resumes with {@code Range} a few times from
 * the byte where it broke (see {@code ResumingDownload}). An interrupt restores the thread's flag
 * and ends the call with a {@link java.util.concurrent.CancellationException}, never a retried
 * kind; {@code watch} throws {@link InterruptedException} instead.
 *
 * <p>The apikey travels only in the {@code Authorization} header: no message, exception or {@code
 * toString()} of this module contains it, and the platform's own messages are scrubbed of it.
 */
public final class HttpPlatform implements AutoCloseable {
  /**
   * How long the adapters wait.
   *
   * @param connect to open a connection
   * @param request for an ordinary call's whole answer, for the headers of a download or a log
   *     stream, and as the longest silence in the middle of a file body (upload or download): a
   *     file body has no fixed time limit, so a large file is never cut while its bytes still flow,
   *     and a stalled one fails as a {@code NetworkException} that the core retries
   * @param streamIdle the longest silence of a log stream, whose server sends a keep-alive comment
   *     every 15 s; past it the stream counts as broken ({@code NetworkException}, the core
   *     reconnects)
   */
  public record Timeouts(Duration connect, Duration request, Duration streamIdle) {
    public Timeouts {
      positive(connect, "connect");
      positive(request, "request");
      positive(streamIdle, "streamIdle");
    }

    /** 10 s to connect, 60 s per call, 45 s of silence on a log stream. */
    public static Timeouts defaults() {
      return new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(45));
    }

    private static void positive(Duration value, String name) {
      requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " timeout must be positive, was " + value);
      }
    }
  }

  private final Transport transport;
  private final AgentApi agents;
  private final TaskApi tasks;

  private HttpPlatform(Transport transport) {
    this.transport = transport;
    this.agents = new HttpAgentApi(transport);
    this.tasks = new HttpTaskApi(transport);
  }

  /** {@link #connect(URI, Optional, Timeouts)} with {@link Timeouts#defaults()}. */
  public static HttpPlatform connect(URI baseUrl, Optional<String> apikey) {
    return connect(baseUrl, apikey, Timeouts.defaults());
  }

  /**
   * The platform at {@code baseUrl}. Sends nothing yet: the first call opens the first connection.
   *
   * @param baseUrl the server's root, e.g. {@code https://omega.example.com} or {@code
   *     http://127.0.0.1:8321}; the API lives under {@code /api/v1} below it
   * @param apikey sent as {@code Authorization: Bearer <apikey>} on every call when present
   * @throws IllegalArgumentException when the URL is not https (plain http is accepted for loopback
   *     addresses only) or the apikey cannot be sent in a header
   */
  public static HttpPlatform connect(URI baseUrl, Optional<String> apikey, Timeouts timeouts) {
    requireNonNull(apikey, "apikey");
    requireNonNull(timeouts, "timeouts");
    return new HttpPlatform(new Transport(BaseUrl.check(baseUrl), apikey, timeouts));
  }

  public AgentApi agents() {
    return agents;
  }

  public TaskApi tasks() {
    return tasks;
  }

  /** Whom the apikey belongs to ({@code GET /me}): the way to check a key. */
  public String user() {
    return transport.call("GET", "/me", null, Dtos.Me.class, Dtos.Me::user);
  }

  /**
   * Whether the platform answers with the apikey within {@code patience} ({@code GET /me}): a quick
   * probe, which never throws.
   */
  public boolean answers(Duration patience) {
    try {
      transport.call("GET", "/me", null, patience);
      return true;
    } catch (RuntimeException notNow) {
      return false;
    }
  }

  /** What the platform offers: its compute sizes and storages ({@code GET /catalog}). */
  public Dtos.Catalog catalog() {
    return transport.call("GET", "/catalog", null, Dtos.Catalog.class, catalog -> catalog);
  }

  /** The server's root this platform talks to. */
  public URI baseUrl() {
    return transport.baseUrl();
  }

  /** Aborts the calls in flight and releases the connections. */
  @Override
  public void close() {
    transport.close();
  }

  @Override
  public String toString() {
    return "HttpPlatform[" + transport.baseUrl() + "]";
  }
}
