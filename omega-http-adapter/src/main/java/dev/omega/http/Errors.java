package dev.omega.http;

import dev.omega.api.Dtos;
import dev.omega.api.Wire;
import dev.omega.core.port.ApiException;
import dev.omega.core.port.AuthenticationException;
import dev.omega.core.port.NetworkException;
import dev.omega.core.port.PlatformException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Which kind of {@link PlatformException} a failed call is, decided here once for every adapter
 * (spec 4.3.1):
 *
 * <ul>
 *   <li>401: {@link AuthenticationException} (the user has to log in);
 *   <li>429, 502, 503, 504, a refused or broken connection, a timeout, a silent stream: {@link
 *       NetworkException}, with the answer's Retry-After when it has one (the core retries it);
 *   <li>any other answer that is not a success (400, 404, 409, 500, 507...): {@link ApiException}
 *       with the problem details' type and the platform's message (the procedure ends);
 *   <li>a TLS handshake or certificate failure: {@code ApiException(0, "tls", ...)}, because a
 *       wrong certificate does not heal by waiting and retrying it would only hide it;
 *   <li>an interrupt: the thread's flag is restored and a {@link CancellationException} ends the
 *       call, which nothing retries.
 * </ul>
 *
 * Every message is scrubbed of the apikey, in case a server or proxy echoes it.
 */
final class Errors {
  private static final int EXCERPT = 200;

  private final URI server;
  private final Optional<String> apikey;

  /**
   * @param server named in the messages of failed connections
   * @param apikey scrubbed from every message
   */
  Errors(URI server, Optional<String> apikey) {
    this.server = server;
    this.apikey = apikey.filter(k -> k.length() >= 4);
  }

  /** An answer that is not a success. */
  PlatformException fromStatus(String what, int status, HttpHeaders headers, byte[] body) {
    Optional<Dtos.Problem> problem = problem(headers, body);
    Optional<String> said =
        problem
            .flatMap(p -> Optional.ofNullable(p.detail()).or(() -> Optional.ofNullable(p.title())))
            .filter(s -> !s.isBlank())
            .map(this::redact);
    if (status == 401) {
      return new AuthenticationException(
          said.orElse("the platform refused the apikey (401); log in again"));
    }
    if (status == 429 || status == 502 || status == 503 || status == 504) {
      return new NetworkException(
          what + " answered " + status + said.map(s -> ": " + s).orElseGet(() -> excerpt(body)),
          RetryAfter.parse(headers.firstValue("Retry-After"), Instant.now()),
          null);
    }
    if (status == 431 && problem.isEmpty()) {
      return new ApiException(
          status,
          "headers-too-large",
          what
              + " answered 431: the request's headers are larger than the platform accepts; check"
              + " the apikey's length (omega login stores a new one)");
    }
    String type =
        problem.map(Dtos.Problem::type).filter(t -> !t.isBlank()).orElse("http-" + status);
    return new ApiException(
        status, type, said.orElseGet(() -> what + " answered " + status + excerpt(body)));
  }

  /** A call that got no usable answer: {@code failure} is what the HTTP client threw. */
  RuntimeException fromFailure(String what, Throwable failure) {
    if (failure instanceof PlatformException platform) {
      return platform;
    }
    if (failure instanceof CancellationException cancelled) {
      return cancelled;
    }
    if (isTlsFailure(failure)) {
      return new ApiException(
          0,
          "tls",
          what
              + ": the TLS handshake with the platform failed ("
              + describe(rootOf(failure))
              + "). Check the server URL and its certificate; this is not retried.");
    }
    if (failure.getClass() == InterruptedIOException.class
        && Thread.currentThread().isInterrupted()) {
      return interrupted(what);
    }
    if (failure instanceof HttpConnectTimeoutException || failure instanceof ConnectException) {
      return new NetworkException(
          what + ": could not connect to " + server + " (" + describe(failure) + ")",
          Optional.empty(),
          failure);
    }
    if (failure instanceof HttpTimeoutException) {
      return new NetworkException(
          what + ": no answer in time (" + describe(failure) + ")", Optional.empty(), failure);
    }
    if (failure instanceof IOException) {
      return new NetworkException(what + ": " + describe(failure), Optional.empty(), failure);
    }
    if (failure instanceof UncheckedIOException unchecked) {
      return fromFailure(what, unchecked.getCause());
    }
    if (failure instanceof RuntimeException runtime) {
      return runtime;
    }
    if (failure instanceof Error error) {
      throw error;
    }
    return new IllegalStateException(what + ": " + describe(failure), failure);
  }

  /** A call that took longer than it may. */
  static NetworkException timedOut(String what, Duration limit) {
    return new NetworkException(
        what + ": no answer within " + limit.toMillis() + " ms", Optional.empty(), null);
  }

  /** The caller's thread was interrupted; its flag must already be set again. */
  static CancellationException interrupted(String what) {
    return new CancellationException(what + ": interrupted");
  }

  /** A success whose body this client cannot read: a bug on one side, not worth a retry. */
  static ApiException badResponse(String what, int status, String problem) {
    return new ApiException(status, "bad-response", what + ": unreadable answer (" + problem + ")");
  }

  String redact(String text) {
    return apikey.map(k -> text.replace(k, "<apikey>")).orElse(text);
  }

  private static Optional<Dtos.Problem> problem(HttpHeaders headers, byte[] body) {
    String type = headers.firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
    if (!type.contains("json") || body.length == 0) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(Wire.JSON.readValue(body, Dtos.Problem.class));
    } catch (IOException | RuntimeException notAProblem) {
      return Optional.empty();
    }
  }

  private String excerpt(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
    if (text.isEmpty()) {
      return "";
    }
    return ": " + redact(text.length() > EXCERPT ? text.substring(0, EXCERPT) + "..." : text);
  }

  /**
   * A handshake or certificate failure. An {@link SSLException} that only reports a broken
   * connection (its cause a reset or an early end) stays a network failure.
   */
  private static boolean isTlsFailure(Throwable failure) {
    boolean ssl = false;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SSLHandshakeException
          || t instanceof SSLPeerUnverifiedException
          || t instanceof CertificateException) {
        return true;
      }
      if (t instanceof SSLException) {
        ssl = true;
      } else if (ssl && (t instanceof SocketException || t instanceof EOFException)) {
        return false;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return ssl;
  }

  private static Throwable rootOf(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  private String describe(Throwable t) {
    String message = t.getMessage();
    return t.getClass().getSimpleName() + (message == null ? "" : ": " + redact(message));
  }
}
