package dev.omega.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock the test moves: frozen at an instant it advances by hand, or the machine's clock shifted
 * by an offset it sets (so that a schedule's time comes within a second, in real time).
 */
final class TestClock extends Clock {
  private volatile Instant frozen;
  private volatile Duration shift = Duration.ZERO;

  private TestClock(Instant frozen) {
    this.frozen = frozen;
  }

  /** Stands still at {@code at} until advanced. */
  static TestClock frozenAt(String at) {
    return new TestClock(Instant.parse(at));
  }

  /** Runs with the machine's clock, shifted by what {@link #shiftTo} sets. */
  static TestClock running() {
    return new TestClock(null);
  }

  void advance(Duration by) {
    frozen = frozen.plus(by);
  }

  /** Shifts a running clock so that it reads {@code now} now. */
  void shiftTo(Instant now) {
    shift = Duration.between(Instant.now(), now);
  }

  @Override
  public Instant instant() {
    Instant at = frozen;
    return at != null ? at : Instant.now().plus(shift);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the server reads instants only");
  }
}
