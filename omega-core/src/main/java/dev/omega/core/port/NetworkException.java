package dev.omega.core.port;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * A transient failure: the platform could not be reached, the connection broke, or it asked us to
 * come back later (503, 429). Retried by the core with backoff, after {@link #retryAfter()} when
 * the platform gave one.
 *
 * @see PlatformException
 */
public final class NetworkException extends PlatformException {
  private final Optional<Duration> retryAfter;

  public NetworkException(String message, Optional<Duration> retryAfter, Throwable cause) {
    super(message, cause);
    this.retryAfter = requireNonNull(retryAfter, "retryAfter");
  }

  public NetworkException(String message) {
    this(message, Optional.empty(), null);
  }

  public Optional<Duration> retryAfter() {
    return retryAfter;
  }
}
