package dev.omega.cli;

import dev.omega.core.port.Console;
import dev.omega.core.port.ConsoleEvent;
import java.io.PrintStream;

/**
 * Shows the procedures' events as short lines: steps and warnings on stderr, the application's own
 * output on stdout, so that {@code omega watch > file} keeps only the logs. Retries and file moves
 * only with {@code --verbose}. This class is threadsafe.
 */
final class TerminalConsole implements Console {
  private final PrintStream out;
  private final PrintStream err;
  private final boolean verbose;

  TerminalConsole(PrintStream out, PrintStream err, boolean verbose) {
    this.out = out;
    this.err = err;
    this.verbose = verbose;
  }

  @Override
  public synchronized void show(ConsoleEvent event) {
    switch (event) {
      case ConsoleEvent.Step s -> err.println("• " + s.message());
      case ConsoleEvent.Waiting w ->
          err.println("  waiting for " + w.forWhat() + " (now " + w.currentState() + ")");
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
      case ConsoleEvent.FileSynced f -> {
        if (verbose) {
          err.println("  " + f.direction().name().toLowerCase().replace('_', ' ') + " " + f.path());
        }
      }
      case ConsoleEvent.ConflictKept c ->
          err.println(
              "! "
                  + c.path()
                  + " changed on both sides: the remote version won; yours is kept at "
                  + c.keptAt());
      case ConsoleEvent.Log l -> out.println(l.line().text());
      case ConsoleEvent.Warning w -> err.println("! " + w.message());
    }
  }

  void say(String line) {
    err.println(line);
  }

  void print(String line) {
    out.println(line);
  }
}
