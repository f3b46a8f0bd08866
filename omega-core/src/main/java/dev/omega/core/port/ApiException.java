package dev.omega.core.port;

import static java.util.Objects.requireNonNull;

/**
 * The platform answered with an error (400, 404, 409, 500...). Not retried: the message is the
 * platform's, meant for the user.
 *
 * @see PlatformException
 */
public final class ApiException extends PlatformException {
  private final int status;
  private final String type;

  /**
   * @param status the HTTP status, or its equivalent
   * @param type the problem's stable machine-readable type, e.g. {@code illegal-transition}
   * @param message what went wrong and what to do, as the platform said it
   */
  public ApiException(int status, String type, String message) {
    super(message, null);
    this.status = status;
    this.type = requireNonNull(type, "type");
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }

  public boolean isServerError() {
    return status >= 500;
  }
}
