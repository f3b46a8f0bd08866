package dev.omega.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Inspect calls ({@code GET /agents/{id}}) per second at 64 concurrent connections, with p50 and
 * p99 latency, from wrk on loopback.
 */
final class ServerLoadBench {
  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");

  private final Shell shell;
  private final PrintStream progress;

  ServerLoadBench(Shell shell, PrintStream progress) {
    this.shell = shell;
    this.progress = progress;
  }

  void run(Omega.Server server, String agentId, int seconds, Table table)
      throws IOException, InterruptedException {
    String url = server.url() + "/api/v1/agents/" + agentId;
    List<String> wrk =
        List.of(
            "wrk",
            "-t2",
            "-c64",
            "-d" + seconds + "s",
            "--latency",
            "-H",
            "Authorization: Bearer " + server.token(),
            url);
    // A short warm-up, so that the JIT has compiled the route before it is measured.
    shell.run(Path.of("/"), List.of("wrk", "-t2", "-c64", "-d3s", "-H", wrk.get(6), url));
    String out = shell.run(Path.of("/"), wrk).out();
    double rate = number(RATE, out);
    Matcher errors = NON_2XX.matcher(out);
    if (errors.find()) {
      throw new IllegalStateException("wrk saw error answers:\n" + out);
    }
    double p50 = latencyMillis(out, "50%");
    double p99 = latencyMillis(out, "99%");
    table.add(
        Row.atLeast(
            "server: inspect calls/s at 64 connections",
            Row.format("%.0f /s", rate),
            rate,
            "≥ 5000 /s",
            5000),
        progress);
    table.add(
        Row.atMost(
            "server: inspect latency p50 / p99",
            Row.format("%.2f / %.2f ms", p50, p99),
            p99,
            "p99 < 50 ms",
            50),
        progress);
  }

  private static double number(Pattern pattern, String out) {
    Matcher m = pattern.matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("cannot read wrk's output:\n" + out);
    }
    return Double.parseDouble(m.group(1));
  }

  /** wrk's latency distribution line, e.g. {@code 99% 12.34ms}, in milliseconds. */
  static double latencyMillis(String out, String percentile) {
    Matcher m =
        Pattern.compile("\\s" + Pattern.quote(percentile) + "\\s+([0-9.]+)(us|ms|s)\\b")
            .matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("no " + percentile + " latency in wrk's output:\n" + out);
    }
    double value = Double.parseDouble(m.group(1));
    return switch (m.group(2)) {
      case "us" -> value / 1000;
      case "ms" -> value;
      default -> value * 1000;
    };
  }
}
