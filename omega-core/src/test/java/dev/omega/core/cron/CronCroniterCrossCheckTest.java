package dev.omega.core.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares {@link CronSchedule} with Python's croniter (the Debian package python3-croniter, run by
 * /usr/bin/python3) on a few hundred random expressions, all in one Python process.
 *
 * <p>croniter 1.3.5 departs from Vixie cron in how it decides that a day field is restricted, so
 * the generator leaves out the shapes where the two must differ (see {@link #croniterAgrees}).
 */
class CronCroniterCrossCheckTest {
  private static final long SEED = 20260308L;
  private static final int EXPRESSIONS = 300;
  private static final int FIRES = 5;
  private static final List<ZonedDateTime> STARTS =
      List.of(
          ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
          ZonedDateTime.of(2024, 2, 28, 23, 59, 30, 0, ZoneOffset.UTC),
          ZonedDateTime.of(2027, 12, 31, 23, 58, 0, 0, ZoneOffset.UTC),
          ZonedDateTime.of(2099, 6, 15, 12, 34, 56, 0, ZoneOffset.UTC));
  private static final String PYTHON = "/usr/bin/python3";
  private static final int NO_CRONITER = 3;
  private static final String REFUSED = "refused";
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm'Z'", Locale.ROOT);

  // argv: cases file ("expression<TAB>start" lines), output file, fires per case, the word for
  // a refusal, the exit code for "no croniter". Writes one line per case: the fires, or a refusal.
  private static final String SCRIPT =
      """
      import sys
      cases_path, out_path, fires, refused, missing = sys.argv[1:6]
      try:
          from croniter import croniter
      except ImportError as e:
          print("croniter is not importable: " + str(e), file=sys.stderr)
          sys.exit(int(missing))
      from datetime import datetime, timezone
      with open(cases_path, encoding="utf-8") as cases, \\
              open(out_path, "w", encoding="utf-8") as out:
          for line in cases:
              expression, start = line.rstrip("\\n").split("\\t")
              try:
                  it = croniter(expression, datetime.fromisoformat(start))
                  times = [it.get_next(datetime).astimezone(timezone.utc) for _ in range(int(fires))]
                  out.write(" ".join(t.strftime("%Y-%m-%dT%H:%MZ") for t in times) + "\\n")
              except Exception as e:
                  why = (type(e).__name__ + ": " + str(e)).replace("\\n", " ")
                  out.write(refused + " " + why + "\\n")
      """;

  @TempDir Path work;

  @Test
  void nextFiresAgreeWithCroniterOnRandomExpressions() throws Exception {
    // Given
    Random random = new Random(SEED);
    List<String> expressions = new ArrayList<>();
    while (expressions.size() < EXPRESSIONS) {
      Generated generated = expression(random);
      if (croniterAgrees(generated) && !hitsCroniterMarchFirstBug(generated)) {
        expressions.add(generated.text());
      }
    }
    List<String> cases = new ArrayList<>();
    for (String expression : expressions) {
      for (ZonedDateTime start : STARTS) {
        cases.add(expression + "\t" + start.toOffsetDateTime());
      }
    }

    // When
    List<String> ours = new ArrayList<>();
    for (String expression : expressions) {
      for (ZonedDateTime start : STARTS) {
        ours.add(ourFires(expression, start));
      }
    }
    List<String> theirs = croniterFires(cases);

    // Then
    assertThat(theirs).as("one croniter answer per case").hasSameSizeAs(cases);
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      boolean bothRefuse = ours.get(i).startsWith(REFUSED) && theirs.get(i).startsWith(REFUSED);
      if (!bothRefuse && !ours.get(i).equals(theirs.get(i))) {
        mismatches.add(
            "'%s' after %s:%n    ours:     %s%n    croniter: %s"
                .formatted(
                    cases.get(i).split("\t")[0],
                    cases.get(i).split("\t")[1],
                    ours.get(i),
                    theirs.get(i)));
      }
    }
    assertThat(mismatches)
        .as(
            "%d of %d cases disagree with croniter:%n%s",
            mismatches.size(), cases.size(), String.join(System.lineSeparator(), mismatches))
        .isEmpty();
    // The generator should mostly make schedules that fire, or the comparison says little.
    long refused = ours.stream().filter(answer -> answer.startsWith(REFUSED)).count();
    assertThat(refused).as("cases refused as never firing").isLessThan(cases.size() / 10);
  }

  private static String ourFires(String expression, ZonedDateTime start) {
    CronSchedule schedule;
    try {
      schedule = CronSchedule.parse(expression);
    } catch (InvalidCronException e) {
      return REFUSED + " " + e.getMessage();
    }
    List<String> fires = new ArrayList<>();
    ZonedDateTime previous = start;
    for (int i = 0; i < FIRES; i++) {
      Optional<ZonedDateTime> next = schedule.next(previous);
      if (next.isEmpty()) {
        fires.add("none");
        break;
      }
      previous = next.orElseThrow();
      fires.add(MINUTE.format(previous.withZoneSameInstant(ZoneOffset.UTC)));
    }
    return String.join(" ", fires);
  }

  /** Runs one Python process over all cases; skips (or fails on CI) without croniter. */
  private List<String> croniterFires(List<String> cases) throws IOException, InterruptedException {
    Path script = Files.writeString(work.resolve("cross_check.py"), SCRIPT);
    Path input = Files.write(work.resolve("cases.tsv"), cases, StandardCharsets.UTF_8);
    Path output = work.resolve("croniter.txt");
    Path errors = work.resolve("stderr.txt");
    Process python;
    try {
      python =
          new ProcessBuilder(
                  PYTHON,
                  script.toString(),
                  input.toString(),
                  output.toString(),
                  Integer.toString(FIRES),
                  REFUSED,
                  Integer.toString(NO_CRONITER))
              .redirectOutput(work.resolve("stdout.txt").toFile())
              .redirectError(errors.toFile())
              .start();
    } catch (IOException e) {
      croniterMissing(PYTHON + " could not be started: " + e.getMessage());
      throw e;
    }
    if (!python.waitFor(120, TimeUnit.SECONDS)) {
      python.destroyForcibly();
      fail("croniter did not answer within 120 seconds");
    }
    String stderr = Files.readString(errors);
    if (python.exitValue() == NO_CRONITER) {
      croniterMissing(stderr.strip());
    }
    assertThat(python.exitValue()).as("croniter script failed:%n%s", stderr).isZero();
    return Files.readAllLines(output, StandardCharsets.UTF_8);
  }

  private static void croniterMissing(String why) {
    String message =
        "Python's croniter is needed to cross-check CronSchedule ("
            + why
            + "); install it with: sudo apt-get install python3-croniter";
    if ("true".equals(System.getenv("CI"))) {
      fail(message);
    }
    Assumptions.assumeTrue(false, message);
  }

  // ---------------------------------------------------------------------------------------------
  // The generator: random expressions from the five-field grammar, with the values each allows.

  /** A generated expression and, per field, its text and the values it allows. */
  private record Generated(List<String> fields, List<BitSet> values) {
    String text() {
      return String.join(" ", fields);
    }
  }

  private record Field(int min, int max, List<String> names) {}

  private static final List<Field> FIELDS =
      List.of(
          new Field(0, 59, List.of()),
          new Field(0, 23, List.of()),
          new Field(1, 31, List.of()),
          new Field(
              1,
              12,
              List.of(
                  "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV",
                  "DEC")),
          new Field(0, 7, List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")));
  private static final int DAY_OF_MONTH = 2;
  private static final int DAY_OF_WEEK = 4;

  private static Generated expression(Random random) {
    List<String> texts = new ArrayList<>();
    List<BitSet> values = new ArrayList<>();
    for (Field field : FIELDS) {
      BitSet allowed = new BitSet();
      texts.add(fieldText(random, field, allowed));
      if (field.max() == 7 && allowed.get(7)) {
        allowed.clear(7);
        allowed.set(0);
      }
      values.add(allowed);
    }
    return new Generated(texts, values);
  }

  private static String fieldText(Random random, Field field, BitSet allowed) {
    int kind = random.nextInt(100);
    if (kind < 30) {
      allowed.set(field.min(), field.max() + 1);
      return "*";
    }
    if (kind < 40) {
      int step = step(random, field);
      for (int v = field.min(); v <= field.max(); v += step) {
        allowed.set(v);
      }
      return "*/" + step;
    }
    int items = kind < 85 ? 1 : 2 + random.nextInt(2);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < items; i++) {
      texts.add(item(random, field, allowed));
    }
    return String.join(",", texts);
  }

  /** A value, a range a-b, a stepped range a-b/n or a/n, adding the values it allows. */
  private static String item(Random random, Field field, BitSet allowed) {
    int a = field.min() + random.nextInt(field.max() - field.min() + 1);
    int b = field.min() + random.nextInt(field.max() - field.min() + 1);
    int from = Math.min(a, b);
    int to = Math.max(a, b);
    int shape = random.nextInt(10);
    if (shape < 4) {
      allowed.set(a);
      return value(random, field, a);
    }
    if (shape < 7) {
      allowed.set(from, to + 1);
      return value(random, field, from) + "-" + value(random, field, to);
    }
    int step = step(random, field);
    if (shape < 9) {
      for (int v = from; v <= to; v += step) {
        allowed.set(v);
      }
      return value(random, field, from) + "-" + value(random, field, to) + "/" + step;
    }
    for (int v = a; v <= field.max(); v += step) {
      allowed.set(v);
    }
    return value(random, field, a) + "/" + step;
  }

  /** A step from 1 to about half the field's span, small ones more often. */
  private static int step(Random random, Field field) {
    int span = field.max() - field.min();
    return 1 + random.nextInt(1 + random.nextInt(Math.max(1, span / 2)));
  }

  /** The number, or now and then its name in upper, lower or title case. */
  private static String value(Random random, Field field, int v) {
    int index = field.max() == 12 ? v - 1 : v;
    if (field.names().isEmpty() || index >= field.names().size() || random.nextInt(3) != 0) {
      return Integer.toString(v);
    }
    String name = field.names().get(index);
    return switch (random.nextInt(3)) {
      case 0 -> name;
      case 1 -> name.toLowerCase(Locale.ROOT);
      default -> name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
    };
  }

  /**
   * Whether croniter 1.3.5 follows Vixie cron for this expression. Both apply the day-of-month /
   * day-of-week OR rule only when both day fields are restricted, but they decide "restricted"
   * differently. Vixie looks at the text: a field starting with {@code *} is unrestricted, anything
   * else is restricted. croniter looks at the values: it first rewrites a field that allows every
   * value to {@code *}, then calls every other field restricted. So, when the other day field is
   * restricted, the two must disagree on
   *
   * <ul>
   *   <li>{@code *}{@code /n} with n > 1 (or any other text starting with {@code *} that is not
   *       every value): Vixie ANDs the day fields, croniter ORs them ({@code 0 0 *}{@code /2 * MON}
   *       is odd-day Mondays in Vixie, odd days and Mondays in croniter); and
   *   <li>a field that does not start with {@code *} yet allows every value, like {@code 1-31} or
   *       {@code 0-6} or {@code 1-7}: Vixie ORs, so every day fires, croniter ANDs ({@code 0 0 13 *
   *       1-7} fires daily in Vixie, only on the 13th in croniter).
   * </ul>
   *
   * Vixie's rule is the one CronSchedule promises, and CronScheduleTest pins it by hand, so these
   * shapes are left out here. {@code *}{@code /1} is fine: croniter rewrites it to {@code *}, which
   * Vixie also reads as unrestricted.
   */
  private static boolean croniterAgrees(Generated generated) {
    boolean domRestricted = !generated.fields().get(DAY_OF_MONTH).startsWith("*");
    boolean dowRestricted = !generated.fields().get(DAY_OF_WEEK).startsWith("*");
    boolean domEvery = generated.values().get(DAY_OF_MONTH).cardinality() == 31;
    boolean dowEvery = generated.values().get(DAY_OF_WEEK).cardinality() == 7;
    boolean vixieRestricts = domRestricted && dowRestricted;
    boolean croniterRestricts = !domEvery && !dowEvery;
    // When both day fields allow every day, ORing and ANDing them pick the same days.
    return vixieRestricts == croniterRestricts || (domEvery && dowEvery);
  }

  /**
   * Whether croniter 1.3.5 would skip the first days of March for this expression, a croniter bug
   * (https://github.com/taichino/croniter/issues/178, fixed in pallets-eco/croniter#178): in
   * February it jumps straight to the next listed day, say the 30th, by adding days, overshoots
   * into March and passes over a listed 1st or 2nd of March. {@code 0 0 1,30 * *} after 2025-02-28
   * gives 2025-03-30 instead of 2025-03-01; {@code *}{@code /3} (1, 4, ..., 31) after 2024-02-28
   * gives 2024-03-04. Vixie cron checks each day, so March 1st fires, as CronSchedule says;
   * expressions whose day-of-month lists one of the 29th-31st and the 1st or 2nd are left out. (A
   * field allowing every day is immune: croniter turns it into {@code *}.)
   */
  private static boolean hitsCroniterMarchFirstBug(Generated generated) {
    BitSet days = generated.values().get(DAY_OF_MONTH);
    boolean monthEnd = days.nextSetBit(29) >= 0;
    boolean monthStart = days.get(1) || days.get(2);
    return monthEnd && monthStart && days.cardinality() < 31;
  }
}
