package dev.omega.core.cron;

import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/** One of the five fields of a cron expression, parsed into the set of values it allows. */
enum CronField {
  MINUTE("minute", 0, 59, List.of()),
  HOUR("hour", 0, 23, List.of()),
  DAY_OF_MONTH("day-of-month", 1, 31, List.of()),
  MONTH(
      "month",
      1,
      12,
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")),
  // 7 is Sunday too, as in Vixie cron.
  DAY_OF_WEEK("day-of-week", 0, 7, List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"));

  private final String label;
  private final int min;
  private final int max;
  private final List<String> names;

  CronField(String label, int min, int max, List<String> names) {
    this.label = label;
    this.min = min;
    this.max = max;
    this.names = names;
  }

  /** The values the field allows, or a problem message when the text is not valid. */
  BitSet parse(String text, String expression) {
    BitSet values = new BitSet(max + 1);
    for (String item : text.split(",", -1)) {
      parseItem(item, values, expression);
    }
    if (this == DAY_OF_WEEK && values.get(7)) {
      values.set(0);
      values.clear(7);
    }
    return values;
  }

  private void parseItem(String item, BitSet values, String expression) {
    if (item.isEmpty()) {
      throw problem(expression, "an item is empty");
    }
    String range = item;
    int step = 1;
    int slash = item.indexOf('/');
    if (slash >= 0) {
      range = item.substring(0, slash);
      step = number(item.substring(slash + 1), item, expression);
      if (step < 1) {
        throw problem(expression, "step must be at least 1 in '" + item + "'");
      }
    }
    int from;
    int to;
    if (range.equals("*")) {
      from = min;
      to = max;
    } else if (range.contains("-")) {
      String[] bounds = range.split("-", -1);
      if (bounds.length != 2) {
        throw problem(expression, "'" + item + "' is not a range");
      }
      from = value(bounds[0], item, expression);
      to = value(bounds[1], item, expression);
      if (from > to) {
        throw problem(expression, "range '" + item + "' runs backwards");
      }
    } else {
      from = value(range, item, expression);
      // "a/step" means from a to the end, as in Vixie cron.
      to = slash >= 0 ? max : from;
    }
    for (int v = from; v <= to; v += step) {
      values.set(v);
    }
  }

  private int value(String text, String item, String expression) {
    int index = names.indexOf(text.toUpperCase(Locale.ROOT));
    int v = index >= 0 ? index + (this == MONTH ? 1 : 0) : number(text, item, expression);
    if (v < min || v > max) {
      throw problem(expression, "'" + text + "' is outside " + min + "-" + max);
    }
    return v;
  }

  private int number(String text, String item, String expression) {
    if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9') || text.length() > 4) {
      throw problem(expression, "'" + item + "' is not a number, a range, a step or a name");
    }
    return Integer.parseInt(text);
  }

  private InvalidCronException problem(String expression, String what) {
    return new InvalidCronException(expression, "in the " + label + " field, " + what);
  }
}
