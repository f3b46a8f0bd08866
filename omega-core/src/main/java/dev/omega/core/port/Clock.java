package dev.omega.core.port;

import java.time.Duration;
import java.time.Instant;

/** Time for waits and backoff, so that tests run them on a manual clock. */
public interface Clock {
  Instant now();

  /**
   * @throws InterruptedException when the caller is cancelled (Ctrl+C)
   */
  void sleep(Duration duration) throws InterruptedException;

  /** The machine's clock. */
  static Clock system() {
    return new Clock() {
      @Override
      public Instant now() {
        return Instant.now();
      }

      @Override
      public void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(duration);
      }
    };
  }
}
