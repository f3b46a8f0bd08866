package dev.omega.cli;

import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/** Ctrl+C: the first press interrupts the command's thread; the second ends the process at once. */
final class CtrlC {
  private CtrlC() {}

  /**
   * @return how many times Ctrl+C was pressed so far
   */
  static AtomicInteger install(Thread main) {
    AtomicInteger presses = new AtomicInteger();
    try {
      Signal.handle(
          new Signal("INT"),
          signal -> {
            if (presses.incrementAndGet() > 1) {
              Runtime.getRuntime().halt(ExitCode.INTERRUPTED);
            }
            main.interrupt();
          });
    } catch (IllegalArgumentException unsupported) {
      // No SIGINT here (a JVM started with -Xrs): Ctrl+C then ends the process at once.
    }
    return presses;
  }
}
