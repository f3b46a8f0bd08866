package dev.omega.core.procedure;

import dev.omega.core.port.Clock;
import dev.omega.core.port.Console;
import dev.omega.core.port.ConsoleEvent;
import java.time.Duration;
import java.time.Instant;

/**
 * Paces the polls of one procedure run: each pause grows by half up to {@link Pacing#pollMax()};
 * the pace and the deadline start over whenever the observed state changes. Cancelled by an
 * interrupt.
 */
final class Waiter {
  private final Clock clock;
  private final Console console;
  private final Pacing pacing;
  private String lastState;
  private Instant since;
  private Duration pause;

  Waiter(Clock clock, Console console, Pacing pacing) {
    this.clock = clock;
    this.console = console;
    this.pacing = pacing;
  }

  /**
   * Pauses before the next observation.
   *
   * @param forWhat what is awaited, e.g. "the agent to become IDLE"
   * @param state the remote state observed now, e.g. "INIT"
   * @throws ProcedureFailedException once the state lasted past the deadline
   */
  void pause(String forWhat, String state) throws InterruptedException {
    Instant now = clock.now();
    if (!state.equals(lastState)) {
      lastState = state;
      since = now;
      pause = pacing.pollInitial();
      console.show(new ConsoleEvent.Waiting(forWhat, state));
    }
    if (Duration.between(since, now).compareTo(pacing.waitDeadline()) > 0) {
      throw new ProcedureFailedException(
          "gave up waiting for "
              + forWhat
              + ": still "
              + state
              + " after "
              + pacing.waitDeadline().toMinutes()
              + " min. Run the command again to keep waiting, or check the platform with omega"
              + " inspect.");
    }
    clock.sleep(pause);
    Duration grown = pause.plus(pause.dividedBy(2));
    pause = grown.compareTo(pacing.pollMax()) > 0 ? pacing.pollMax() : grown;
  }
}
