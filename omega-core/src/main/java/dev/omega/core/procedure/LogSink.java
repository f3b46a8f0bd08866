package dev.omega.core.procedure;

import dev.omega.core.model.LogLine;
import dev.omega.core.port.Console;
import dev.omega.core.port.ConsoleEvent;

/**
 * Hands each log line to the console exactly once, in order, whatever mix of streams, reconnects
 * and stored pages delivered it; says so when lines were lost.
 */
final class LogSink {
  private final Console console;
  private long next;
  private long delivered;

  LogSink(Console console) {
    this.console = console;
  }

  void accept(LogLine line) {
    if (line.offset() < next) {
      return;
    }
    if (line.offset() > next) {
      console.show(
          new ConsoleEvent.Warning(
              (line.offset() - next) + " log lines were lost before line " + line.offset()));
    }
    console.show(new ConsoleEvent.Log(line));
    next = line.offset() + 1;
    delivered++;
  }

  /** Starts at {@code offset}: the lines before it are not wanted, not lost. */
  void skipTo(long offset) {
    next = Math.max(next, offset);
  }

  long next() {
    return next;
  }

  long delivered() {
    return delivered;
  }
}
