package dev.omega.bench;

import java.util.Locale;
import java.util.Optional;

/**
 * One line of the table: a figure of Omega's, the reference's figure measured in the same run, the
 * ratio of the two, and the target with whether it was met.
 */
record Row(
    String figure,
    String omega,
    String reference,
    String ratio,
    String target,
    Optional<Boolean> met) {

  /** Omega's seconds against the reference's, the target a maximum ratio (NaN: none). */
  static Row ratio(String figure, Sample omega, Sample reference, double maxRatio) {
    double ratio = omega.median() / reference.median();
    boolean targeted = !Double.isNaN(maxRatio);
    return new Row(
        figure,
        seconds(omega),
        seconds(reference),
        format("%.2f×", ratio),
        targeted ? format("≤ %.2f×", maxRatio) : "—",
        targeted ? Optional.of(ratio <= maxRatio) : Optional.empty());
  }

  /** Omega's seconds against the reference's, the target a maximum time. */
  static Row seconds(String figure, Sample omega, Sample reference, double maxSeconds) {
    return new Row(
        figure,
        seconds(omega),
        seconds(reference),
        format("%.2f×", omega.median() / reference.median()),
        format("< %.2f s", maxSeconds),
        Optional.of(omega.median() < maxSeconds));
  }

  /** A figure with no reference, the target a maximum. */
  static Row atMost(String figure, String value, double actual, String target, double max) {
    return new Row(figure, value, "—", "—", target, Optional.of(actual <= max));
  }

  /** A figure with no reference, the target a minimum. */
  static Row atLeast(String figure, String value, double actual, String target, double min) {
    return new Row(figure, value, "—", "—", target, Optional.of(actual >= min));
  }

  /** A figure for information only. */
  static Row info(String figure, String value, String reference) {
    return new Row(figure, value, reference, "—", "—", Optional.empty());
  }

  String verdict() {
    return met.map(m -> m ? "pass" : "MISS").orElse("");
  }

  static String seconds(Sample s) {
    return s.values().size() == 1
        ? format("%.3f s", s.median())
        : format("%.3f s (%.3f–%.3f, n=%d)", s.median(), s.min(), s.max(), s.values().size());
  }

  static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
