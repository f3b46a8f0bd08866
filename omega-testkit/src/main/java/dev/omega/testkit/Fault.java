package dev.omega.testkit;

import java.time.Duration;

/** What the fake platform does to one call. */
public sealed interface Fault {
  /** The connection fails before the platform acts. */
  record NetworkBefore() implements Fault {}

  /** The platform acts, then the answer is lost. */
  record NetworkAfter() implements Fault {}

  /** The platform answers with an error and does nothing. */
  record ApiError(int status, String message) implements Fault {}

  /** The platform asks to come back after {@code retryAfter} (503 or 429) and does nothing. */
  record Unavailable(Duration retryAfter) implements Fault {}

  /** The platform refuses the apikey (401) and does nothing. */
  record Unauthorized() implements Fault {}

  /** The platform acts, then the client is killed before it hears back. */
  record CrashAfter() implements Fault {}

  static Fault networkBefore() {
    return new NetworkBefore();
  }

  static Fault networkAfter() {
    return new NetworkAfter();
  }

  static Fault apiError(int status, String message) {
    return new ApiError(status, message);
  }

  static Fault crashAfter() {
    return new CrashAfter();
  }
}
