package dev.omega.core.cron;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A standard five-field cron schedule (minute hour day-of-month month day-of-week) or one of the
 * macros {@code @hourly @daily @weekly @monthly @yearly}, with Vixie cron's semantics: when both
 * day fields are restricted, a day matching either fires; a field starting with {@code *} is
 * unrestricted. The client and the server share this one evaluator.
 *
 * <p>Across daylight-saving changes each wall-clock time fires once: a time skipped by the spring
 * change fires just after it (shifted by the gap), a time repeated by the autumn change fires at
 * its first occurrence only. This class is immutable and threadsafe.
 */
public final class CronSchedule {
  private static final Map<String, String> MACROS =
      Map.of(
          "@yearly", "0 0 1 1 *",
          "@annually", "0 0 1 1 *",
          "@monthly", "0 0 1 * *",
          "@weekly", "0 0 * * 0",
          "@daily", "0 0 * * *",
          "@midnight", "0 0 * * *",
          "@hourly", "0 * * * *");

  // 28 years hold every weekday-date alignment; leap days skipped in 2100 need a few more.
  private static final int SEARCH_DAYS = 366 * 32;
  private static final ZonedDateTime VALIDATION_START =
      ZonedDateTime.of(2001, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

  private final String expression;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;
  private final boolean daysOfMonthRestricted;
  private final boolean daysOfWeekRestricted;

  private CronSchedule(String expression, String[] fields) {
    this.expression = expression;
    minutes = CronField.MINUTE.parse(fields[0], expression);
    hours = CronField.HOUR.parse(fields[1], expression);
    daysOfMonth = CronField.DAY_OF_MONTH.parse(fields[2], expression);
    months = CronField.MONTH.parse(fields[3], expression);
    daysOfWeek = CronField.DAY_OF_WEEK.parse(fields[4], expression);
    daysOfMonthRestricted = !fields[2].startsWith("*");
    daysOfWeekRestricted = !fields[4].startsWith("*");
  }

  /**
   * Parses and checks an expression.
   *
   * @throws InvalidCronException naming the part that is wrong, also for {@code @reboot} and for
   *     schedules that can never fire, such as {@code 0 0 30 2 *}
   */
  public static CronSchedule parse(String expression) {
    requireNonNull(expression, "expression");
    String text = expression.strip();
    if (text.isEmpty()) {
      throw new InvalidCronException(expression, "it is empty");
    }
    if (text.startsWith("@")) {
      String macro = text.toLowerCase(Locale.ROOT);
      if (macro.equals("@reboot")) {
        throw new InvalidCronException(
            expression, "@reboot has no time to fire at; use a five-field schedule");
      }
      text = MACROS.get(macro);
      if (text == null) {
        throw new InvalidCronException(
            expression, "unknown macro; use @hourly, @daily, @weekly, @monthly or @yearly");
      }
    }
    String[] fields = text.split("\\s+");
    if (fields.length != 5) {
      throw new InvalidCronException(
          expression,
          "it has "
              + fields.length
              + " fields; cron needs five: minute hour day-of-month month day-of-week");
    }
    CronSchedule schedule = new CronSchedule(expression, fields);
    if (schedule.next(VALIDATION_START).isEmpty()) {
      throw new InvalidCronException(expression, "no date ever matches it, so it would never fire");
    }
    return schedule;
  }

  /** The expression as written. */
  public String expression() {
    return expression;
  }

  /**
   * The first fire strictly after {@code after}, in {@code after}'s zone; empty if none comes in
   * the next 32 years.
   */
  public Optional<ZonedDateTime> next(ZonedDateTime after) {
    LocalDateTime start = after.toLocalDateTime().truncatedTo(ChronoUnit.MINUTES);
    // A wall time skipped by a spring-forward change fires shifted by the gap, so one a little
    // before after's wall time can still fire after it: 02:30 fires at 03:30 when asked at 03:10.
    LocalDateTime from = start.minus(recentGap(after, start));
    LocalDate lastDay = start.toLocalDate().plusDays(SEARCH_DAYS);
    ZonedDateTime first = null;
    for (LocalDate day = from.toLocalDate(); !day.isAfter(lastDay); day = day.plusDays(1)) {
      if (first != null && day.isAfter(first.toLocalDate())) {
        return Optional.of(first);
      }
      if (!matches(day)) {
        continue;
      }
      for (int h = hours.nextSetBit(0); h >= 0; h = hours.nextSetBit(h + 1)) {
        for (int m = minutes.nextSetBit(0); m >= 0; m = minutes.nextSetBit(m + 1)) {
          LocalDateTime wall = LocalDateTime.of(day, LocalTime.of(h, m));
          if (wall.isBefore(from)) {
            continue;
          }
          // A later wall time fires later, except a shifted one, which can pass later wall times:
          // so keep the earliest fire until the wall times pass its own wall time.
          if (first != null && wall.isAfter(first.toLocalDateTime())) {
            return Optional.of(first);
          }
          // ofLocal shifts a skipped time forward and picks the earlier of a repeated time.
          ZonedDateTime fire = ZonedDateTime.ofLocal(wall, after.getZone(), null);
          if (fire.isAfter(after) && (first == null || fire.isBefore(first))) {
            first = fire;
          }
        }
      }
    }
    return Optional.ofNullable(first);
  }

  /**
   * How long the last spring-forward gap up to {@code after} was, if the wall times it skipped
   * still fire at or after {@code start} once shifted; zero if not, or if the change was no gap.
   */
  private static Duration recentGap(ZonedDateTime after, LocalDateTime start) {
    ZoneOffsetTransition last =
        after.getZone().getRules().previousTransition(after.toInstant().plusNanos(1));
    if (last == null
        || !last.isGap()
        || !last.getDateTimeAfter().plus(last.getDuration()).isAfter(start)) {
      return Duration.ZERO;
    }
    return last.getDuration();
  }

  private boolean matches(LocalDate day) {
    if (!months.get(day.getMonthValue())) {
      return false;
    }
    boolean dayOfMonth = daysOfMonth.get(day.getDayOfMonth());
    boolean dayOfWeek = daysOfWeek.get(day.getDayOfWeek().getValue() % 7);
    if (daysOfMonthRestricted && daysOfWeekRestricted) {
      return dayOfMonth || dayOfWeek;
    }
    return dayOfMonth && dayOfWeek;
  }

  @Override
  public String toString() {
    return expression;
  }
}
