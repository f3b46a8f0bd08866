package dev.omega.cli;

import dev.omega.core.port.Console;
import dev.omega.core.port.ConsoleEvent;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Shows the procedures' events as short lines: steps, status transitions with how long the former
 * status lasted, and a summary of each sync on stderr; the application's own output on stdout, so
 * that {@code omega watch > file} keeps only the logs. On a terminal a sync shows a progress bar.
 * Retries, waits and single file moves only with {@code --verbose}. This class is threadsafe.
 */
final class TerminalConsole implements Console {
  private final PrintStream out;
  private final PrintStream err;
  private final boolean verbose;
  private final Style style;

  /** The step under way, for the Ctrl+C message. */
  private String step;

  /** Each subject's last status and since when (System.nanoTime). */
  private final Map<String, Seen> statuses = new LinkedHashMap<>();

  private TransferProgress transfer;

  private record Seen(String status, long sinceNanos) {}

  /**
   * How to draw: progress bars only on a terminal, colours only there and never with NO_COLOR.
   *
   * @param width the terminal's width in columns
   */
  record Style(boolean terminal, boolean colour, int width) {
    static final Style PLAIN = new Style(false, false, 80);

    static Style detect(Map<String, String> environment) {
      boolean terminal = TerminalPrompter.isTerminal(System.console());
      int width = 100;
      try {
        width = Integer.parseInt(environment.getOrDefault("COLUMNS", "100"));
      } catch (NumberFormatException ignored) {
        // Keep the default width.
      }
      return new Style(terminal, terminal && !environment.containsKey("NO_COLOR"), width);
    }
  }

  TerminalConsole(PrintStream out, PrintStream err, boolean verbose, Style style) {
    this.out = out;
    this.err = err;
    this.verbose = verbose;
    this.style = style;
  }

  @Override
  public synchronized void show(ConsoleEvent event) {
    switch (event) {
      case ConsoleEvent.Step s -> {
        step = s.message();
        err.println("• " + s.message());
      }
      case ConsoleEvent.StatusChanged c -> statusChanged(c);
      case ConsoleEvent.Waiting w -> {
        if (verbose) {
          err.println("  waiting for " + w.forWhat() + " (now " + w.currentState() + ")");
        }
      }
      case ConsoleEvent.Retrying r -> {
        if (verbose) {
          err.println(
              "  "
                  + r.call()
                  + " failed ("
                  + r.cause()
                  + "); retry "
                  + r.attempt()
                  + " in "
                  + r.delay().toMillis()
                  + " ms");
        }
      }
      case ConsoleEvent.TransferPlanned t ->
          transfer =
              new TransferProgress(
                  t.files(),
                  t.bytes(),
                  err,
                  style.terminal() && !verbose,
                  style.colour(),
                  style.width());
      case ConsoleEvent.FileSynced f -> fileSynced(f);
      case ConsoleEvent.ConflictKept c ->
          err.println(
              "! "
                  + c.path()
                  + " changed on both sides: the remote version won; yours is kept at "
                  + c.keptAt());
      case ConsoleEvent.Log l -> out.println(SafeText.of(l.line().text()));
      case ConsoleEvent.Warning w -> err.println("! " + w.message());
    }
  }

  private void statusChanged(ConsoleEvent.StatusChanged change) {
    long now = System.nanoTime();
    Seen before = statuses.put(change.subject(), new Seen(change.to(), now));
    String what = change.subject().split(" ")[0];
    if (change.from().isEmpty() || before == null) {
      err.println("  " + what + " is " + change.to());
    } else {
      err.println(
          "  "
              + what
              + " "
              + change.from().get()
              + " → "
              + change.to()
              + " after "
              + Human.duration(Duration.ofNanos(now - before.sinceNanos())));
    }
  }

  private void fileSynced(ConsoleEvent.FileSynced f) {
    if (verbose) {
      err.println("  " + f.direction().name().toLowerCase().replace('_', ' ') + " " + f.path());
    }
    if (transfer != null && transfer.moved(f)) {
      err.println(transfer.finish());
      transfer = null;
    }
  }

  /** Where things stood when the command was cut short: the step and what was last observed. */
  synchronized Optional<String> standing() {
    if (step == null) {
      return Optional.empty();
    }
    StringBuilder text = new StringBuilder("while ").append(lowerFirst(step));
    if (transfer != null) {
      text.append(" (").append(transfer.abandon()).append(")");
      transfer = null;
    }
    if (!statuses.isEmpty()) {
      text.append("; ").append(statuses());
    }
    return Optional.of(text.toString());
  }

  /** The last status seen of each agent and task: "agent 1f2e... is BUSY". */
  synchronized String statuses() {
    return String.join(
        "; ",
        statuses.entrySet().stream()
            .map(e -> e.getKey() + " is " + e.getValue().status())
            .toList());
  }

  /** Whether the command was following an agent's logs, which an interrupt only detaches from. */
  synchronized boolean followingLogs() {
    return step != null && step.startsWith("Following the logs");
  }

  private static String lowerFirst(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }

  void say(String line) {
    err.println(line);
  }

  void print(String line) {
    out.println(line);
  }
}
