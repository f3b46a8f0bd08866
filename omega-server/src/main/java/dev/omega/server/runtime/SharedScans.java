package dev.omega.server.runtime;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Passes over {@code /proc} shared by the threads that need one at about the same time: when a
 * thousand jobs end together, each asks whether anything of it is left, and one pass answers all
 * that asked before it began. This class is threadsafe.
 */
final class SharedScans {
  private final Supplier<ProcessTable> scanner;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition scanned = lock.newCondition();
  private ProcessTable latest;
  private boolean scanning;

  SharedScans() {
    this(ProcessTable::scan);
  }

  /** Passes made by {@code scanner} (a test's, to see them shared). */
  SharedScans(Supplier<ProcessTable> scanner) {
    this.scanner = scanner;
  }

  /**
   * A table whose pass began at or after {@code nanoTime} ({@link System#nanoTime()}'s scale): the
   * latest one when it did; else a new pass, made by this thread or by another that began it after
   * {@code nanoTime} (a pass already under way when this thread asked may have begun too early: it
   * waits for that one to end, then looks again).
   */
  ProcessTable begunAfter(long nanoTime) throws InterruptedException {
    boolean ours = false;
    lock.lock();
    try {
      while (!ours && (latest == null || latest.begun() - nanoTime < 0)) {
        if (scanning) {
          scanned.await();
        } else {
          scanning = true;
          ours = true;
        }
      }
      if (!ours) {
        return latest;
      }
    } finally {
      lock.unlock();
    }
    ProcessTable table = null;
    try {
      table = scanner.get();
      return table;
    } finally {
      lock.lock();
      try {
        scanning = false;
        if (table != null) {
          latest = table;
        }
        scanned.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }
}
