package dev.omega.core.port;

/**
 * A platform call failed. The kind decides what the core does (spec 4.3.1): an {@link ApiException}
 * ends the procedure, a {@link NetworkException} is retried with backoff, an {@link
 * AuthenticationException} sends the user to log in. Adapters choose the kind; only the core
 * retries.
 */
public abstract sealed class PlatformException extends RuntimeException
    permits ApiException, NetworkException, AuthenticationException {
  protected PlatformException(String message, Throwable cause) {
    super(message, cause);
  }
}
