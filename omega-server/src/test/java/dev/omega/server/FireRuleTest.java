package dev.omega.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omega.core.cron.CronSchedule;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The scheduler's firing decision, a pure function, on a clock the tests move: which instants a
 * schedule fires at when the scheduler looks at each due time (exactly, or up to a second late),
 * and what it does at a given moment after a pause, a downtime or while a job runs.
 *
 * <p>Weekdays used below: 2026-01-01 is a Thursday, 2026-01-05 a Monday, 2026-02-01 a Sunday.
 * America/New_York, 2026: clocks go 02:00 EST to 03:00 EDT on 8 March, and 02:00 EDT back to 01:00
 * EST on 1 November.
 */
class FireRuleTest {
  private static final Duration HOUR = Duration.ofHours(1);

  /**
   * Drives the rule as the scheduler's loop does: it looks at each next due time, {@code lag} late,
   * and moves the cursor to what each decision dealt with. Returns the fired instants.
   */
  private static List<Instant> fires(
      String expression, ZoneId zone, Instant from, Instant to, Duration... lags) {
    CronSchedule schedule = CronSchedule.parse(expression);
    List<Instant> fired = new ArrayList<>();
    Instant cursor = from;
    for (int i = 0; ; i++) {
      Optional<Instant> due = FireRule.nextDue(schedule, zone, cursor);
      if (due.isEmpty() || due.get().isAfter(to)) {
        return fired;
      }
      Instant now = due.get().plus(lags.length == 0 ? Duration.ZERO : lags[i % lags.length]);
      FireRule.Decision decision = FireRule.decide(schedule, zone, cursor, now, HOUR, false);
      assertThat(decision).isInstanceOf(FireRule.Fire.class);
      FireRule.Fire fire = (FireRule.Fire) decision;
      assertThat(fire.catchUp()).as("an on-time fire at %s", fire.at()).isFalse();
      fired.add(fire.at());
      cursor = decision.cursor();
    }
  }

  private static List<Instant> instants(String spaceSeparated) {
    return Arrays.stream(spaceSeparated.strip().split("\\s+"))
        .map(t -> OffsetDateTime.parse(t).toInstant())
        .toList();
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' in {1} from {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          * * * * *         | UTC | 2026-12-31T23:58:30Z | 2027-01-01T00:01:30Z | 2026-12-31T23:59Z 2027-01-01T00:00Z 2027-01-01T00:01Z
          */1 * * * *       | UTC | 2026-01-01T00:00Z    | 2026-01-01T00:03Z    | 2026-01-01T00:01Z 2026-01-01T00:02Z 2026-01-01T00:03Z
          */20 * * * *      | UTC | 2026-01-01T00:05Z    | 2026-01-01T01:05Z    | 2026-01-01T00:20Z 2026-01-01T00:40Z 2026-01-01T01:00Z
          0 9-17/4 * * *    | UTC | 2026-01-05T00:00Z    | 2026-01-06T00:00Z    | 2026-01-05T09:00Z 2026-01-05T13:00Z 2026-01-05T17:00Z
          15 10 * * 1,3,5   | UTC | 2026-01-05T00:00Z    | 2026-01-11T00:00Z    | 2026-01-05T10:15Z 2026-01-07T10:15Z 2026-01-09T10:15Z
          0 12 1 jan,JUL *  | UTC | 2026-01-01T12:00Z    | 2027-01-02T00:00Z    | 2026-07-01T12:00Z 2027-01-01T12:00Z
          0 8 * * Sat,sun   | UTC | 2026-01-01T00:00Z    | 2026-01-05T00:00Z    | 2026-01-03T08:00Z 2026-01-04T08:00Z
          @hourly           | UTC | 2026-01-01T00:00Z    | 2026-01-01T02:30Z    | 2026-01-01T01:00Z 2026-01-01T02:00Z
          @daily            | UTC | 2026-01-01T00:00Z    | 2026-01-03T00:00Z    | 2026-01-02T00:00Z 2026-01-03T00:00Z
          @weekly           | UTC | 2026-01-01T00:00Z    | 2026-01-12T00:00Z    | 2026-01-04T00:00Z 2026-01-11T00:00Z
          @monthly          | UTC | 2026-01-15T00:00Z    | 2026-03-15T00:00Z    | 2026-02-01T00:00Z 2026-03-01T00:00Z
          @yearly           | UTC | 2026-01-01T00:00Z    | 2028-01-01T00:00Z    | 2027-01-01T00:00Z 2028-01-01T00:00Z
          0 0 1 * mon       | UTC | 2026-01-31T00:00Z    | 2026-03-03T00:00Z    | 2026-02-01T00:00Z 2026-02-02T00:00Z 2026-02-09T00:00Z 2026-02-16T00:00Z 2026-02-23T00:00Z 2026-03-01T00:00Z 2026-03-02T00:00Z
          0 0 */1 * mon     | UTC | 2026-01-31T00:00Z    | 2026-02-10T00:00Z    | 2026-02-02T00:00Z 2026-02-09T00:00Z
          0 0 * * mon       | UTC | 2026-01-31T00:00Z    | 2026-02-10T00:00Z    | 2026-02-02T00:00Z 2026-02-09T00:00Z
          0 12 31 * *       | UTC | 2026-01-01T00:00Z    | 2026-08-01T00:00Z    | 2026-01-31T12:00Z 2026-03-31T12:00Z 2026-05-31T12:00Z 2026-07-31T12:00Z
          0 0 28-31 2 *     | UTC | 2027-02-01T00:00Z    | 2028-03-01T00:00Z    | 2027-02-28T00:00Z 2028-02-28T00:00Z 2028-02-29T00:00Z
          0 0 29 2 *        | UTC | 2025-01-01T00:00Z    | 2033-01-01T00:00Z    | 2028-02-29T00:00Z 2032-02-29T00:00Z
          30 2 * * *        | America/New_York | 2026-03-07T05:00Z | 2026-03-10T05:00Z | 2026-03-07T07:30Z 2026-03-08T07:30Z 2026-03-09T06:30Z
          */30 1-3 8 3 *    | America/New_York | 2026-03-08T05:00Z | 2026-03-08T08:00Z | 2026-03-08T06:00Z 2026-03-08T06:30Z 2026-03-08T07:00Z 2026-03-08T07:30Z
          30 1 * * *        | America/New_York | 2026-10-31T04:00Z | 2026-11-03T04:00Z | 2026-10-31T05:30Z 2026-11-01T05:30Z 2026-11-02T06:30Z
          */30 * 1 11 *     | America/New_York | 2026-11-01T04:45Z | 2026-11-01T08:00Z | 2026-11-01T05:00Z 2026-11-01T05:30Z 2026-11-01T07:00Z 2026-11-01T07:30Z 2026-11-01T08:00Z
          0 0 * * *         | Europe/Berlin    | 2026-03-28T12:00Z | 2026-03-30T12:00Z | 2026-03-28T23:00Z 2026-03-29T22:00Z
          """)
  void aScheduleFiresAtExactlyItsInstantsEachOnce(
      String expression, String zone, String from, String to, String expected) {
    ZoneId id = ZoneId.of(zone);
    Instant start = OffsetDateTime.parse(from).toInstant();
    Instant end = OffsetDateTime.parse(to).toInstant();
    assertThat(fires(expression, id, start, end)).containsExactlyElementsOf(instants(expected));
    // A scheduler that looks up to a second late fires the same instants.
    assertThat(
            fires(
                expression,
                id,
                start,
                end,
                Duration.ofMillis(1),
                Duration.ofMillis(400),
                Duration.ofMillis(999)))
        .containsExactlyElementsOf(instants(expected));
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' cursor {1} now {2} running {4}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # expression  | cursor                   | now                      | window | running | decision | at                   | first due
          0 3 * * *     | 2026-01-01T00:00:00Z     | 2026-01-01T02:59:59.999Z | PT1H   | false   | Wait     | 2026-01-01T03:00:00Z |
          0 3 * * *     | 2026-01-01T00:00:00Z     | 2026-01-01T03:00:00Z     | PT1H   | false   | Fire     | 2026-01-01T03:00:00Z | 2026-01-01T03:00:00Z
          0 3 * * *     | 2026-01-01T00:00:00Z     | 2026-01-01T03:00:00.999Z | PT1H   | false   | Fire     | 2026-01-01T03:00:00Z | 2026-01-01T03:00:00Z
          0 3 * * *     | 2026-01-01T03:00:00Z     | 2026-01-01T03:00:30Z     | PT1H   | false   | Wait     | 2026-01-02T03:00:00Z |
          0 3 * * *     | 2026-01-01T00:00:00Z     | 2026-01-01T03:00:00Z     | PT1H   | true    | Skip     | 2026-01-01T03:00:00Z | 2026-01-01T03:00:00Z
          * * * * *     | 2026-01-01T12:00:30Z     | 2026-01-01T12:10:30Z     | PT1H   | false   | CatchUp  | 2026-01-01T12:10:00Z | 2026-01-01T12:01:00Z
          * * * * *     | 2026-01-01T12:00:30Z     | 2026-01-01T12:10:30Z     | PT1H   | true    | Skip     | 2026-01-01T12:10:00Z | 2026-01-01T12:01:00Z
          0 * * * *     | 2026-01-01T12:00:00Z     | 2026-01-01T13:59:59Z     | PT1H   | false   | CatchUp  | 2026-01-01T13:00:00Z | 2026-01-01T13:00:00Z
          0 * * * *     | 2026-01-01T11:00:00Z     | 2026-01-01T13:00:00Z     | PT1H   | false   | CatchUp  | 2026-01-01T13:00:00Z | 2026-01-01T12:00:00Z
          0 */6 * * *   | 2026-01-01T12:00:00Z     | 2026-01-01T19:00:00Z     | PT1H   | false   | CatchUp  | 2026-01-01T18:00:00Z | 2026-01-01T18:00:00Z
          0 */6 * * *   | 2026-01-01T12:00:00Z     | 2026-01-01T19:00:00.001Z | PT1H   | false   | Missed   | 2026-01-01T19:00:00.001Z | 2026-01-01T18:00:00Z
          0 */6 * * *   | 2026-01-01T12:00:00Z     | 2026-01-03T19:30:00Z     | PT1H   | false   | Missed   | 2026-01-03T19:30:00Z | 2026-01-01T18:00:00Z
          0 */6 * * *   | 2026-01-01T12:00:00Z     | 2026-01-03T19:30:00Z     | PT2H   | false   | CatchUp  | 2026-01-03T18:00:00Z | 2026-01-01T18:00:00Z
          * * * * *     | 2026-01-01T12:00:00Z     | 2026-01-01T12:05:00Z     | PT0S   | false   | CatchUp  | 2026-01-01T12:05:00Z | 2026-01-01T12:01:00Z
          * * * * *     | 2026-01-01T12:00:00Z     | 2026-01-01T12:05:01Z     | PT0S   | false   | Missed   | 2026-01-01T12:05:01Z | 2026-01-01T12:01:00Z
          0 0 29 2 *    | 2026-01-01T00:00:00Z     | 2026-06-01T00:00:00Z     | PT1H   | false   | Wait     | 2028-02-29T00:00:00Z |
          """)
  void theDecisionAtOneMoment(
      String expression,
      String cursor,
      String now,
      String window,
      boolean running,
      String decision,
      String at,
      String firstDue) {
    FireRule.Decision actual =
        FireRule.decide(
            CronSchedule.parse(expression),
            ZoneId.of("UTC"),
            Instant.parse(cursor),
            Instant.parse(now),
            Duration.parse(window),
            running);
    Instant when = Instant.parse(at);
    switch (decision) {
      case "Wait" ->
          assertThat(actual).isEqualTo(new FireRule.Wait(Instant.parse(cursor), Optional.of(when)));
      case "Fire" ->
          assertThat(actual).isEqualTo(new FireRule.Fire(when, Instant.parse(firstDue), false));
      case "CatchUp" ->
          assertThat(actual).isEqualTo(new FireRule.Fire(when, Instant.parse(firstDue), true));
      case "Skip" -> assertThat(actual).isEqualTo(new FireRule.Skip(when, Instant.parse(firstDue)));
      case "Missed" ->
          assertThat(actual).isEqualTo(new FireRule.Missed(Instant.parse(firstDue), when));
      default -> throw new IllegalArgumentException(decision);
    }
    if (!(actual instanceof FireRule.Wait)) {
      assertThat(actual.cursor()).as("the cursor moves forward").isAfter(Instant.parse(cursor));
    }
  }
}
