package dev.omega.core.procedure;

import dev.failsafe.Execution;
import dev.failsafe.RetryPolicy;
import dev.omega.core.port.ApiException;
import dev.omega.core.port.AuthenticationException;
import dev.omega.core.port.Clock;
import dev.omega.core.port.Console;
import dev.omega.core.port.ConsoleEvent;
import dev.omega.core.port.NetworkException;
import dev.omega.core.port.PlatformException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one place that retries platform calls (spec 4.3.1): a {@link NetworkException} is retried
 * with exponential backoff and jitter (Failsafe computes the delays), after the platform's
 * Retry-After when it gave one, until {@link Pacing#retryDeadline()}. Other errors pass through at
 * once. Sleeps go through the {@link Clock}, so tests run on a manual one.
 */
final class Retrier {
  /** Which failures a call may be retried on. */
  enum On {
    /** Transient network failures only: any idempotent call. */
    NETWORK,
    /** Also 5xx answers: for calls the spec says to retry, such as task/enable (spec 4.3.3). */
    NETWORK_AND_SERVER_ERRORS
  }

  private final Clock clock;
  private final Console console;
  private final Pacing pacing;
  private final RetryPolicy<Object> policy;

  Retrier(Clock clock, Console console, Pacing pacing) {
    this.clock = clock;
    this.console = console;
    this.pacing = pacing;
    this.policy =
        RetryPolicy.builder()
            .handle(PlatformException.class)
            .withBackoff(pacing.retryInitial(), pacing.retryMax())
            .withJitter(0.25)
            .withMaxRetries(-1)
            .build();
  }

  <T> T call(String what, Supplier<T> call) throws InterruptedException {
    return call(what, On.NETWORK, call);
  }

  void run(String what, Runnable call) throws InterruptedException {
    call(
        what,
        On.NETWORK,
        () -> {
          call.run();
          return null;
        });
  }

  <T> T call(String what, On on, Supplier<T> call) throws InterruptedException {
    Execution<Object> execution = Execution.of(policy);
    Instant deadline = clock.now().plus(pacing.retryDeadline());
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (PlatformException e) {
        if (!isRetried(e, on)) {
          throw e;
        }
        execution.recordException(e);
        Duration delay = delay(e, execution.getDelay());
        if (clock.now().plus(delay).isAfter(deadline)) {
          throw new NetworkException(
              what
                  + " kept failing for "
                  + pacing.retryDeadline().toSeconds()
                  + " s: "
                  + e.getMessage()
                  + ". Check the network and the platform, then run the command again.",
              Optional.empty(),
              e);
        }
        console.show(new ConsoleEvent.Retrying(what, attempt, delay, e.getMessage()));
        clock.sleep(delay);
      }
    }
  }

  private static boolean isRetried(PlatformException e, On on) {
    return switch (e) {
      case NetworkException n -> true;
      case ApiException api -> on == On.NETWORK_AND_SERVER_ERRORS && api.isServerError();
      case AuthenticationException auth -> false;
    };
  }

  private static Duration delay(PlatformException e, Duration backoff) {
    return e instanceof NetworkException n && n.retryAfter().isPresent()
        ? n.retryAfter().get()
        : backoff;
  }
}
