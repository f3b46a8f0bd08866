package dev.omega.core.port;

/**
 * The platform refused the apikey (401). Not retried: the user has to log in (spec 6.1).
 *
 * @see PlatformException
 */
public final class AuthenticationException extends PlatformException {
  public AuthenticationException(String message) {
    super(message, null);
  }
}
