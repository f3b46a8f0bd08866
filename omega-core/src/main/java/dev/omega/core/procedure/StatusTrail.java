package dev.omega.core.procedure;

import dev.omega.core.port.Console;
import dev.omega.core.port.ConsoleEvent.StatusChanged;
import java.util.Optional;

/** Tells the console each time the observed status of an agent or a task changes. */
final class StatusTrail {
  private final Console console;
  private String subject;
  private Optional<String> last = Optional.empty();

  StatusTrail(Console console) {
    this.console = console;
  }

  /**
   * @param subject what was observed, e.g. "agent 1f2e..."
   * @param status its status, empty when the platform does not know it
   */
  void observed(String subject, Optional<? extends Enum<?>> status) {
    if (!subject.equals(this.subject)) {
      this.subject = subject;
      last = Optional.empty();
    }
    Optional<String> now = status.map(Enum::name);
    if (now.isPresent() && !now.equals(last)) {
      console.show(new StatusChanged(subject, last, now.get()));
      last = now;
    }
  }
}
