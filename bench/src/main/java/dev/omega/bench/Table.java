package dev.omega.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The rows so far, printed as a Markdown table (it pastes into docs/BENCHMARKS.md as is). */
final class Table {
  private static final String[] HEADINGS = {
    "figure", "omega", "reference", "ratio", "target", "result"
  };
  private final List<Row> rows = new ArrayList<>();

  synchronized void add(Row row, PrintStream progress) {
    rows.add(row);
    progress.println(
        "  "
            + row.figure()
            + ": "
            + row.omega()
            + "  vs  "
            + row.reference()
            + "  "
            + row.verdict());
  }

  synchronized String markdown() {
    List<String[]> cells = new ArrayList<>();
    cells.add(HEADINGS);
    for (Row r : rows) {
      cells.add(
          new String[] {r.figure(), r.omega(), r.reference(), r.ratio(), r.target(), r.verdict()});
    }
    int[] widths = new int[HEADINGS.length];
    for (String[] line : cells) {
      for (int i = 0; i < line.length; i++) {
        widths[i] = Math.max(widths[i], line[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (int l = 0; l < cells.size(); l++) {
      out.append('|');
      for (int i = 0; i < widths.length; i++) {
        out.append(' ').append(pad(cells.get(l)[i], widths[i])).append(" |");
      }
      out.append('\n');
      if (l == 0) {
        out.append('|');
        for (int width : widths) {
          out.append('-').append("-".repeat(width)).append("-|");
        }
        out.append('\n');
      }
    }
    return out.toString();
  }

  synchronized long misses() {
    return rows.stream().filter(r -> r.met().isPresent() && !r.met().get()).count();
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }
}
