package dev.omega.server;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work under way on virtual threads of its own, which a closing server waits for (for a while), so
 * that what they record is stored before the database closes. This class is threadsafe.
 */
final class InFlight {
  private static final Logger log = LoggerFactory.getLogger(InFlight.class);

  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

  /** Runs {@code work} on a virtual thread named {@code name}. */
  void start(String name, Runnable work) {
    Thread thread =
        Thread.ofVirtual()
            .name(name)
            .unstarted(
                () -> {
                  try {
                    work.run();
                  } finally {
                    threads.remove(Thread.currentThread());
                  }
                });
    threads.add(thread);
    thread.start();
  }

  /** Waits up to {@code patience} in all for the work under way; logs what is left. */
  void await(Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    for (Thread thread : List.copyOf(threads)) {
      try {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !thread.join(Duration.ofNanos(left))) {
          log.warn("{} is still under way as the server stops", thread.getName());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
