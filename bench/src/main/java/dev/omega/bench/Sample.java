package dev.omega.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Repeated measurements of one figure: reported as the median with min and max. */
record Sample(List<Double> values) {
  Sample {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("a sample needs at least one value");
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    values = List.copyOf(sorted);
  }

  static Sample of(double... values) {
    List<Double> list = new ArrayList<>();
    for (double v : values) {
      list.add(v);
    }
    return new Sample(list);
  }

  double median() {
    int n = values.size();
    return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
  }

  double min() {
    return values.getFirst();
  }

  double max() {
    return values.getLast();
  }

  /** The value below which {@code fraction} of the values lie (nearest rank). */
  double percentile(double fraction) {
    int rank = (int) Math.ceil(fraction * values.size());
    return values.get(Math.max(0, Math.min(values.size() - 1, rank - 1)));
  }
}
