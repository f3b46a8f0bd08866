package dev.omega.core.cron;

/**
 * A cron expression that cannot be parsed or can never fire; the message says which part and why.
 */
public final class InvalidCronException extends IllegalArgumentException {
  private final String expression;

  public InvalidCronException(String expression, String problem) {
    super("'" + expression + "' is not a valid cron schedule: " + problem);
    this.expression = expression;
  }

  public String expression() {
    return expression;
  }
}
