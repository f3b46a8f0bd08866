package dev.omega.core.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hand-checked fire times. Each table row is: expression | after | the fires that follow, each one
 * got by calling next() on the one before. Times are written as offset date-times, so a row shows
 * the wall time and the offset it fires at; "after" carries a region in brackets where the zone
 * matters. Weekdays of 2026 used below: Jan 1 is a Thursday, Jan 2 a Friday, Jan 4 a Sunday.
 */
class CronScheduleTest {

  /** The next {@code count} fires after {@code after}, each asked for after the one before. */
  private static List<ZonedDateTime> fires(CronSchedule schedule, ZonedDateTime after, int count) {
    List<ZonedDateTime> fires = new ArrayList<>();
    ZonedDateTime previous = after;
    for (int i = 0; i < count; i++) {
      Optional<ZonedDateTime> next = schedule.next(previous);
      assertThat(next).as("fire %d of '%s' after %s", i + 1, schedule, previous).isPresent();
      previous = next.orElseThrow();
      fires.add(previous);
    }
    return fires;
  }

  /** As {@link #fires}, written as offset date-times, as many as the row expects. */
  private static List<String> firesAfter(CronSchedule schedule, String after, String expected) {
    return offsetTimes(fires(schedule, ZonedDateTime.parse(after), expected(expected).size()));
  }

  private static List<String> offsetTimes(List<ZonedDateTime> fires) {
    return fires.stream().map(fire -> fire.toOffsetDateTime().toString()).toList();
  }

  private static List<String> expected(String spaceSeparated) {
    return Arrays.asList(spaceSeparated.strip().split("\\s+"));
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' after {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          * * * * * | 2026-01-01T00:00Z         | 2026-01-01T00:01Z 2026-01-01T00:02Z 2026-01-01T00:03Z
          * * * * * | 2026-12-31T23:59:30Z      | 2027-01-01T00:00Z 2027-01-01T00:01Z
          * * * * * | 2026-02-28T23:58:59.999Z  | 2026-02-28T23:59Z 2026-03-01T00:00Z
          """)
  void everyMinuteFiresAtEachFollowingMinuteAcrossDayMonthAndYearEnds(
      String expression, String after, String expectedFires) {
    // Given
    CronSchedule schedule = CronSchedule.parse(expression);

    // When
    List<String> fires = firesAfter(schedule, after, expectedFires);

    // Then
    assertThat(fires).isEqualTo(expected(expectedFires));
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' after {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # */n counts from the lowest value of the field.
          */15 * * * *  | 2026-01-01T00:00Z | 2026-01-01T00:15Z 2026-01-01T00:30Z 2026-01-01T00:45Z 2026-01-01T01:00Z
          0 */6 * * *   | 2026-01-01T05:00Z | 2026-01-01T06:00Z 2026-01-01T12:00Z 2026-01-01T18:00Z 2026-01-02T00:00Z
          # Day-of-month counts from 1: 1, 11, 21, 31.
          0 0 */10 * *  | 2026-01-25T00:00Z | 2026-01-31T00:00Z 2026-02-01T00:00Z 2026-02-11T00:00Z 2026-02-21T00:00Z 2026-03-01T00:00Z
          # a-b/n counts from a and stops at b.
          1-10/3 * * * * | 2026-01-01T00:00Z | 2026-01-01T00:01Z 2026-01-01T00:04Z 2026-01-01T00:07Z 2026-01-01T00:10Z 2026-01-01T01:01Z
          # a/n means a to the end of the field, step n.
          5/10 * * * *  | 2026-01-01T00:50Z | 2026-01-01T00:55Z 2026-01-01T01:05Z 2026-01-01T01:15Z
          0 20/2 * * *  | 2026-01-01T00:00Z | 2026-01-01T20:00Z 2026-01-01T22:00Z 2026-01-02T20:00Z
          """)
  void stepsFireEveryNthValueFromTheStartOfTheirRange(
      String expression, String after, String expectedFires) {
    // Given
    CronSchedule schedule = CronSchedule.parse(expression);

    // When
    List<String> fires = firesAfter(schedule, after, expectedFires);

    // Then
    assertThat(fires).isEqualTo(expected(expectedFires));
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' after {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          0 9-11 * * *          | 2026-01-01T10:30Z | 2026-01-01T11:00Z 2026-01-02T09:00Z 2026-01-02T10:00Z
          15,45 8,20 * * *      | 2026-01-01T08:15Z | 2026-01-01T08:45Z 2026-01-01T20:15Z 2026-01-01T20:45Z 2026-01-02T08:15Z
          0 0 1,15 * *          | 2026-01-15T00:00Z | 2026-02-01T00:00Z 2026-02-15T00:00Z 2026-03-01T00:00Z
          0,20-30/5,58 * * * *  | 2026-01-01T00:00Z | 2026-01-01T00:20Z 2026-01-01T00:25Z 2026-01-01T00:30Z 2026-01-01T00:58Z 2026-01-01T01:00Z
          # Friday 2 January, then Monday and Tuesday.
          0 12 * * 1-5          | 2026-01-02T12:00Z | 2026-01-05T12:00Z 2026-01-06T12:00Z
          0 0 1 2-3,11 *        | 2026-01-01T00:00Z | 2026-02-01T00:00Z 2026-03-01T00:00Z 2026-11-01T00:00Z 2027-02-01T00:00Z
          """)
  void rangesAndListsFireOnExactlyTheirValues(
      String expression, String after, String expectedFires) {
    // Given
    CronSchedule schedule = CronSchedule.parse(expression);

    // When
    List<String> fires = firesAfter(schedule, after, expectedFires);

    // Then
    assertThat(fires).isEqualTo(expected(expectedFires));
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' after {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          0 0 1 JAN,jul *     | 2026-01-01T00:00Z | 2026-07-01T00:00Z 2027-01-01T00:00Z 2027-07-01T00:00Z
          0 0 1 Mar-May *     | 2026-01-01T00:00Z | 2026-03-01T00:00Z 2026-04-01T00:00Z 2026-05-01T00:00Z 2027-03-01T00:00Z
          0 0 1 JAN-DEC/3 *   | 2026-01-01T00:00Z | 2026-04-01T00:00Z 2026-07-01T00:00Z 2026-10-01T00:00Z 2027-01-01T00:00Z
          0 8 * * MON-FRI     | 2026-01-02T08:00Z | 2026-01-05T08:00Z 2026-01-06T08:00Z
          0 8 * * sat,Sun     | 2026-01-01T00:00Z | 2026-01-03T08:00Z 2026-01-04T08:00Z 2026-01-10T08:00Z
          """)
  void monthAndWeekdayNamesMeanTheirNumbersInAnyCase(
      String expression, String after, String expectedFires) {
    // Given
    CronSchedule schedule = CronSchedule.parse(expression);

    // When
    List<String> fires = firesAfter(schedule, after, expectedFires);

    // Then
    assertThat(fires).isEqualTo(expected(expectedFires));
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' after {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          0 0 * * 0   | 2026-01-01T00:00Z | 2026-01-04T00:00Z 2026-01-11T00:00Z
          0 0 * * 7   | 2026-01-01T00:00Z | 2026-01-04T00:00Z 2026-01-11T00:00Z
          0 0 * * SUN | 2026-01-01T00:00Z | 2026-01-04T00:00Z 2026-01-11T00:00Z
          # Friday, Saturday, Sunday.
          0 0 * * 5-7 | 2026-01-01T00:00Z | 2026-01-02T00:00Z 2026-01-03T00:00Z 2026-01-04T00:00Z 2026-01-09T00:00Z
          # 1/2 is 1, 3, 5, 7: Monday, Wednesday, Friday and Sunday.
          0 0 * * 1/2 | 2026-01-01T00:00Z | 2026-01-02T00:00Z 2026-01-04T00:00Z 2026-01-05T00:00Z 2026-01-07T00:00Z
          """)
  void sundayIsBothZeroAndSeven(String expression, String after, String expectedFires) {
    // Given
    CronSchedule schedule = CronSchedule.parse(expression);

    // When
    List<String> fires = firesAfter(schedule, after, expectedFires);

    // Then
    assertThat(fires).isEqualTo(expected(expectedFires));
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' after {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          @hourly   | 2026-01-01T00:30Z | 2026-01-01T01:00Z 2026-01-01T02:00Z
          @daily    | 2026-01-01T00:00Z | 2026-01-02T00:00Z 2026-01-03T00:00Z
          @midnight | 2026-01-01T00:00Z | 2026-01-02T00:00Z 2026-01-03T00:00Z
          @weekly   | 2026-01-01T00:00Z | 2026-01-04T00:00Z 2026-01-11T00:00Z
          @monthly  | 2026-01-01T00:00Z | 2026-02-01T00:00Z 2026-03-01T00:00Z
          @yearly   | 2026-01-01T00:00Z | 2027-01-01T00:00Z 2028-01-01T00:00Z
          @annually | 2026-06-15T00:00Z | 2027-01-01T00:00Z 2028-01-01T00:00Z
          """)
  void macrosFireAsTheirFiveFieldSchedules(String expression, String after, String expectedFires) {
    // Given
    CronSchedule schedule = CronSchedule.parse(expression);

    // When
    List<String> fires = firesAfter(schedule, after, expectedFires);

    // Then
    assertThat(fires).isEqualTo(expected(expectedFires));
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' after {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # Every Friday and every 13th: Fri 2, Fri 9, Tue 13, Fri 16.
          0 0 13 * FRI  | 2026-01-01T00:00Z | 2026-01-02T00:00Z 2026-01-09T00:00Z 2026-01-13T00:00Z 2026-01-16T00:00Z
          # Saturday 31 January, then Sunday the 1st, then Mondays.
          0 0 1 * MON   | 2026-01-31T00:00Z | 2026-02-01T00:00Z 2026-02-02T00:00Z 2026-02-09T00:00Z
          # The month still applies to both: Fridays of January and 13 January; 1 January 2027 is a Friday.
          0 0 13 1 5    | 2026-01-20T00:00Z | 2026-01-23T00:00Z 2026-01-30T00:00Z 2027-01-01T00:00Z 2027-01-08T00:00Z 2027-01-13T00:00Z
          # 1-31 does not start with *, so it is restricted, and every day matches it.
          0 0 1-31 * FRI | 2026-01-01T00:00Z | 2026-01-02T00:00Z 2026-01-03T00:00Z 2026-01-04T00:00Z
          """)
  void bothDayFieldsRestrictedFireOnADayMatchingEither(
      String expression, String after, String expectedFires) {
    // Given
    CronSchedule schedule = CronSchedule.parse(expression);

    // When
    List<String> fires = firesAfter(schedule, after, expectedFires);

    // Then
    assertThat(fires).isEqualTo(expected(expectedFires));
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' after {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # */1 is unrestricted, so only the Fridays fire.
          0 0 */1 * FRI | 2026-01-01T00:00Z | 2026-01-02T00:00Z 2026-01-09T00:00Z 2026-01-16T00:00Z
          # */2 is unrestricted too, so both must match: odd days that are Fridays.
          0 0 */2 * FRI | 2026-01-01T00:00Z | 2026-01-09T00:00Z 2026-01-23T00:00Z 2026-02-13T00:00Z 2026-02-27T00:00Z
          # 13ths that fall on Sunday, Tuesday, Thursday or Saturday.
          0 0 13 * */2  | 2026-01-01T00:00Z | 2026-01-13T00:00Z 2026-06-13T00:00Z 2026-08-13T00:00Z 2026-09-13T00:00Z
          0 0 13 * *    | 2026-01-01T00:00Z | 2026-01-13T00:00Z 2026-02-13T00:00Z
          """)
  void dayFieldStartingWithStarIsUnrestrictedSoBothDayFieldsMustMatch(
      String expression, String after, String expectedFires) {
    // Given
    CronSchedule schedule = CronSchedule.parse(expression);

    // When
    List<String> fires = firesAfter(schedule, after, expectedFires);

    // Then
    assertThat(fires).isEqualTo(expected(expectedFires));
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' after {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          0 0 31 * *   | 2026-01-31T00:00Z | 2026-03-31T00:00Z 2026-05-31T00:00Z 2026-07-31T00:00Z 2026-08-31T00:00Z 2026-10-31T00:00Z 2026-12-31T00:00Z 2027-01-31T00:00Z
          0 0 30 * *   | 2026-01-30T00:00Z | 2026-03-30T00:00Z 2026-04-30T00:00Z
          0 0 29 * *   | 2027-01-29T00:00Z | 2027-03-29T00:00Z
          0 0 29 * *   | 2028-01-29T00:00Z | 2028-02-29T00:00Z 2028-03-29T00:00Z
          """)
  void dayOfMonthPastAMonthsEndSkipsThatMonth(
      String expression, String after, String expectedFires) {
    // Given
    CronSchedule schedule = CronSchedule.parse(expression);

    // When
    List<String> fires = firesAfter(schedule, after, expectedFires);

    // Then
    assertThat(fires).isEqualTo(expected(expectedFires));
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' after {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          0 0 29 2 * | 2025-01-01T00:00Z | 2028-02-29T00:00Z 2032-02-29T00:00Z
          0 0 29 2 * | 2028-02-29T00:00Z | 2032-02-29T00:00Z
          # 2100 is not a leap year.
          0 0 29 2 * | 2096-03-01T00:00Z | 2104-02-29T00:00Z
          """)
  void leapDayFiresOnlyInLeapYears(String expression, String after, String expectedFires) {
    // Given
    CronSchedule schedule = CronSchedule.parse(expression);

    // When
    List<String> fires = firesAfter(schedule, after, expectedFires);

    // Then
    assertThat(fires).isEqualTo(expected(expectedFires));
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' after {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # A fire exactly at "after" is not "after after".
          0 12 * * * | 2026-01-01T12:00Z                           | 2026-01-02T12:00Z
          0 12 * * * | 2026-01-01T11:59:59.999999999Z              | 2026-01-01T12:00Z
          0 12 * * * | 2026-01-01T12:00:00.000000001Z              | 2026-01-02T12:00Z
          # The schedule reads wall-clock time in after's zone and answers in that zone.
          0 9 * * *  | 2026-01-01T09:00+09:00[Asia/Tokyo]          | 2026-01-02T09:00+09:00 2026-01-03T09:00+09:00
          0 9 * * *  | 2026-01-01T00:30Z[UTC]                      | 2026-01-01T09:00Z
          0 9 * * *  | 2026-07-01T08:59-04:00[America/New_York]    | 2026-07-01T09:00-04:00
          """)
  void nextIsStrictlyAfterAndInTheZoneOfAfter(
      String expression, String after, String expectedFires) {
    // Given
    CronSchedule schedule = CronSchedule.parse(expression);
    ZonedDateTime start = ZonedDateTime.parse(after);

    // When
    List<ZonedDateTime> fires = fires(schedule, start, expected(expectedFires).size());

    // Then
    assertThat(offsetTimes(fires)).isEqualTo(expected(expectedFires));
    assertThat(fires).allSatisfy(fire -> assertThat(fire.getZone()).isEqualTo(start.getZone()));
  }

  // America/New_York, 2026: clocks go from 02:00 EST (-05:00) to 03:00 EDT (-04:00) on 8 March
  // and from 02:00 EDT back to 01:00 EST on 1 November.
  @ParameterizedTest(name = "[{index}] ''{0}'' after {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # 02:30 does not exist on 8 March; it fires an hour (the gap) later, at 03:30 EDT.
          30 2 * * *   | 2026-03-07T00:00-05:00[America/New_York] | 2026-03-07T02:30-05:00 2026-03-08T03:30-04:00 2026-03-09T02:30-04:00
          30 1 * * *   | 2026-03-07T00:00-05:00[America/New_York] | 2026-03-07T01:30-05:00 2026-03-08T01:30-05:00 2026-03-09T01:30-04:00
          # 02:00 and 02:30 become 03:00 and 03:30, which are due anyway; each instant fires once.
          */30 * * * * | 2026-03-08T00:45-05:00[America/New_York] | 2026-03-08T01:00-05:00 2026-03-08T01:30-05:00 2026-03-08T03:00-04:00 2026-03-08T03:30-04:00 2026-03-08T04:00-04:00
          # Both skipped times fire, shifted by the gap.
          0,30 2 * * * | 2026-03-08T00:00-05:00[America/New_York] | 2026-03-08T03:00-04:00 2026-03-08T03:30-04:00 2026-03-09T02:00-04:00
          # A schedule asked after the gap, but before the shifted time, still gets the shifted time.
          30 2 * * *   | 2026-03-08T03:10-04:00[America/New_York] | 2026-03-08T03:30-04:00 2026-03-09T02:30-04:00
          30 2 * * *   | 2026-03-08T03:00-04:00[America/New_York] | 2026-03-08T03:30-04:00 2026-03-09T02:30-04:00
          """)
  void springForwardFiresASkippedWallTimeShiftedByTheGap(
      String expression, String after, String expectedFires) {
    // Given
    CronSchedule schedule = CronSchedule.parse(expression);

    // When
    List<String> fires = firesAfter(schedule, after, expectedFires);

    // Then
    assertThat(fires).isEqualTo(expected(expectedFires));
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' after {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # 01:30 happens twice on 1 November; it fires at the first (EDT) one only.
          30 1 * * *   | 2026-10-31T00:00-04:00[America/New_York] | 2026-10-31T01:30-04:00 2026-11-01T01:30-04:00 2026-11-02T01:30-05:00
          30 2 * * *   | 2026-10-31T00:00-04:00[America/New_York] | 2026-10-31T02:30-04:00 2026-11-01T02:30-05:00 2026-11-02T02:30-05:00
          # The repeated hour 01:00-01:59 EST fires nothing: 01:30 EDT is followed by 02:00 EST.
          */30 * * * * | 2026-11-01T00:45-04:00[America/New_York] | 2026-11-01T01:00-04:00 2026-11-01T01:30-04:00 2026-11-01T02:00-05:00 2026-11-01T02:30-05:00
          # Asked during the second 01:00-01:59, the second 01:30 is not a new fire.
          30 1 * * *   | 2026-11-01T01:15-05:00[America/New_York] | 2026-11-02T01:30-05:00
          30 1 * * *   | 2026-11-01T01:45-04:00[America/New_York] | 2026-11-02T01:30-05:00
          */30 * * * * | 2026-11-01T01:10-05:00[America/New_York] | 2026-11-01T02:00-05:00
          """)
  void fallBackFiresARepeatedWallTimeOnceAtItsFirstOccurrence(
      String expression, String after, String expectedFires) {
    // Given
    CronSchedule schedule = CronSchedule.parse(expression);

    // When
    List<String> fires = firesAfter(schedule, after, expectedFires);

    // Then
    assertThat(fires).isEqualTo(expected(expectedFires));
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' after {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # Lord Howe Island moves from +10:30 to +11:00 at 02:00 on 4 October 2026, so 02:00-02:29
          # is skipped. 02:20 fires at 02:50, after the real 02:35, which must not be lost.
          20,35 2 * * * | 2026-10-04T01:59+10:30[Australia/Lord_Howe] | 2026-10-04T02:35+11:00 2026-10-04T02:50+11:00 2026-10-05T02:20+11:00
          """)
  void skippedWallTimeShiftedPastALaterWallTimeFiresInInstantOrder(
      String expression, String after, String expectedFires) {
    // Given
    CronSchedule schedule = CronSchedule.parse(expression);

    // When
    List<String> fires = firesAfter(schedule, after, expectedFires);

    // Then
    assertThat(fires).isEqualTo(expected(expectedFires));
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' through {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # Spring-forward day: 48 half-hours of wall time, 02:00 and 02:30 fall on 03:00 and 03:30.
          */30 * * * *  | 2026-03-08T00:00-05:00[America/New_York] | 2026-03-09T00:00-04:00 | 46
          # Fall-back day: 48 half-hours of wall time, the repeated ones only once.
          */30 * * * *  | 2026-11-01T00:00-04:00[America/New_York] | 2026-11-02T00:00-05:00 | 48
          * * * * *     | 2026-03-08T00:00-05:00[America/New_York] | 2026-03-09T00:00-04:00 | 1380
          * * * * *     | 2026-11-01T00:00-04:00[America/New_York] | 2026-11-02T00:00-05:00 | 1440
          30 1,2 * * *  | 2026-03-07T00:00-05:00[America/New_York] | 2026-03-10T00:00-04:00 | 6
          30 1,2 * * *  | 2026-10-31T00:00-04:00[America/New_York] | 2026-11-03T00:00-05:00 | 6
          """)
  void iteratingAcrossADstChangeNeverRepeatsOrGoesBackwards(
      String expression, String from, String until, int expectedCount) {
    // Given
    CronSchedule schedule = CronSchedule.parse(expression);
    ZonedDateTime start = ZonedDateTime.parse(from);
    ZonedDateTime end = ZonedDateTime.parse(until);

    // When
    List<ZonedDateTime> fires = new ArrayList<>();
    ZonedDateTime fire = schedule.next(start).orElseThrow();
    while (!fire.isAfter(end)) {
      fires.add(fire);
      fire = schedule.next(fire).orElseThrow();
    }

    // Then
    assertThat(fires).hasSize(expectedCount);
    for (int i = 1; i < fires.size(); i++) {
      assertThat(fires.get(i).toInstant())
          .as("fire %d (%s) comes after fire %d (%s)", i + 1, fires.get(i), i, fires.get(i - 1))
          .isAfter(fires.get(i - 1).toInstant());
    }
    assertThat(fires.stream().map(f -> f.toLocalDateTime()).distinct().count())
        .as("each wall-clock time fires at most once")
        .isEqualTo(fires.size());
  }

  @ParameterizedTest(name = "[{index}] ''{0}''")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          ""               | it is empty
          * * * *          | it has 4 fields
          * * * * * *      | it has 6 fields
          60 * * * *       | in the minute field, '60' is outside 0-59
          0 24 * * *       | in the hour field, '24' is outside 0-23
          0 0 0 * *        | in the day-of-month field, '0' is outside 1-31
          0 0 32 * *       | in the day-of-month field, '32' is outside 1-31
          0 0 * 13 *       | in the month field, '13' is outside 1-12
          0 0 * * 8        | in the day-of-week field, '8' is outside 0-7
          */0 * * * *      | step must be at least 1 in '*/0'
          0 0 1-10/0 * *   | step must be at least 1 in '1-10/0'
          30-10 * * * *    | range '30-10' runs backwards
          0 0 * * FRI-MON  | range 'FRI-MON' runs backwards
          0 0 * DEC-JAN *  | range 'DEC-JAN' runs backwards
          0 0 * FOO *      | 'FOO' is not a number, a range, a step or a name
          0 0 * * MON-     | in the day-of-week field,
          1,,2 * * * *     | in the minute field, an item is empty
          1-2-3 * * * *    | '1-2-3' is not a range
          @fortnightly     | unknown macro
          @reboot          | @reboot has no time to fire at
          0 0 30 2 *       | never fire
          0 0 31 4 *       | never fire
          0 0 31 2,4,6,9,11 * | never fire
          """)
  void invalidExpressionIsRefusedNamingTheProblem(String expression, String problem) {
    // Given
    String text = expression == null ? "" : expression;

    // When / Then
    assertThatThrownBy(() -> CronSchedule.parse(text))
        .isInstanceOf(InvalidCronException.class)
        .hasMessageStartingWith("'" + text + "' is not a valid cron schedule: ")
        .hasMessageContaining(problem)
        .satisfies(e -> assertThat(((InvalidCronException) e).expression()).isEqualTo(text));
  }

  @Test
  void validExpressionKeepsItsTextAndFiresLikeItsMacro() {
    // Given
    ZonedDateTime after = ZonedDateTime.of(2026, 5, 17, 13, 45, 0, 0, ZoneId.of("UTC"));

    // When
    CronSchedule weekly = CronSchedule.parse("@weekly");
    CronSchedule spelledOut = CronSchedule.parse("  0   0 *\t* 0 ");

    // Then
    assertThat(weekly.expression()).isEqualTo("@weekly");
    assertThat(weekly).hasToString("@weekly");
    assertThat(offsetTimes(fires(weekly, after, 3)))
        .isEqualTo(offsetTimes(fires(spelledOut, after, 3)))
        .containsExactly("2026-05-24T00:00Z", "2026-05-31T00:00Z", "2026-06-07T00:00Z");
  }
}
