package dev.omega.testkit;

import dev.omega.core.port.Clock;
import java.time.Duration;
import java.time.Instant;

/** A clock that only moves when slept on or told to: waits and backoff cost no real time. */
public final class ManualClock implements Clock {
  private Instant now;
  private Duration slept = Duration.ZERO;
  private int sleeps;

  public ManualClock(Instant start) {
    this.now = start;
  }

  public ManualClock() {
    this(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Override
  public synchronized Instant now() {
    return now;
  }

  @Override
  public synchronized void sleep(Duration duration) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    now = now.plus(duration);
    slept = slept.plus(duration);
    sleeps++;
  }

  public synchronized void advance(Duration duration) {
    now = now.plus(duration);
  }

  /** Total time slept so far. */
  public synchronized Duration slept() {
    return slept;
  }

  public synchronized int sleeps() {
    return sleeps;
  }
}
