package dev.omega.server;

import dev.omega.core.cron.CronSchedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * When a task's schedule fires: a pure function of the schedule, the last scheduled time the task
 * has dealt with (its cursor), the time now and whether a job of the task still runs.
 *
 * <p>Each scheduled time is dealt with once: the cursor only moves forward, to the time dealt with.
 * When several times have passed (the server was down), only the latest one runs, as one catch-up
 * job, and only if it is at most the catch-up window old; the others are dropped. A time that comes
 * while a job runs is skipped.
 */
final class FireRule {
  /** A fire this late is a catch-up, not a scheduler's ordinary lag. */
  static final Duration LATE = Duration.ofSeconds(5);

  private FireRule() {}

  /** What to do now. Every decision but {@link Wait} moves the cursor to {@link #cursor()}. */
  sealed interface Decision {
    Instant cursor();
  }

  /** Nothing is due: the next scheduled time is {@code nextDue} (none if it never fires again). */
  record Wait(Instant cursor, Optional<Instant> nextDue) implements Decision {}

  /**
   * Run a job for the scheduled time {@code at}.
   *
   * @param firstDue the earliest time that was due; {@code at} itself unless times were missed
   * @param catchUp whether this is a time missed while the server was down
   */
  record Fire(Instant at, Instant firstDue, boolean catchUp) implements Decision {
    @Override
    public Instant cursor() {
      return at;
    }
  }

  /** The time {@code at} came while a job of the task still runs: no new job. */
  record Skip(Instant at, Instant firstDue) implements Decision {
    @Override
    public Instant cursor() {
      return at;
    }
  }

  /**
   * Every time that passed, from {@code firstDue} on, is older than the catch-up window: none runs.
   */
  record Missed(Instant firstDue, Instant cursor) implements Decision {}

  /**
   * @param cursor every scheduled time up to it (inclusive) has been dealt with
   * @param window how old a missed time may be and still run
   * @param jobRunning whether a job of the task runs now
   */
  static Decision decide(
      CronSchedule schedule,
      ZoneId zone,
      Instant cursor,
      Instant now,
      Duration window,
      boolean jobRunning) {
    Optional<Instant> first = nextDue(schedule, zone, cursor);
    if (first.isEmpty() || first.get().isAfter(now)) {
      return new Wait(cursor, first);
    }
    // Times older than the window can never run; look for the latest one inside it.
    Instant windowStart = now.minus(window).minusNanos(1);
    Instant from = cursor.isAfter(windowStart) ? cursor : windowStart;
    Instant latest = null;
    for (Optional<Instant> t = nextDue(schedule, zone, from);
        t.isPresent() && !t.get().isAfter(now);
        t = nextDue(schedule, zone, t.get())) {
      latest = t.get();
    }
    if (latest == null) {
      return new Missed(first.get(), now);
    }
    if (jobRunning) {
      return new Skip(latest, first.get());
    }
    boolean catchUp =
        !first.get().equals(latest) || Duration.between(latest, now).compareTo(LATE) > 0;
    return new Fire(latest, first.get(), catchUp);
  }

  /** The first scheduled time strictly after {@code cursor}, evaluated in {@code zone}. */
  static Optional<Instant> nextDue(CronSchedule schedule, ZoneId zone, Instant cursor) {
    return schedule.next(cursor.atZone(zone)).map(ZonedDateTime::toInstant);
  }
}
