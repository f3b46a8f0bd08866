package dev.omega.cli;

import dev.omega.core.port.Prompter;
import dev.omega.core.port.Question;
import java.io.Console;
import java.util.Optional;

/**
 * Answers the procedures' questions: from {@code --yes} / {@code --no}, else by asking on the
 * terminal, else (no terminal) with the safe answer, no, said out loud.
 */
final class TerminalPrompter implements Prompter {
  private final Optional<Boolean> fixed;
  private final TerminalConsole console;

  TerminalPrompter(Optional<Boolean> fixed, TerminalConsole console) {
    this.fixed = fixed;
    this.console = console;
  }

  @Override
  public boolean confirm(Question question) {
    if (fixed.isPresent()) {
      console.say(
          "? "
              + question.text()
              + " "
              + (fixed.get() ? "yes" : "no")
              + " (--"
              + (fixed.get() ? "yes" : "no")
              + ")");
      return fixed.get();
    }
    Console terminal = System.console();
    if (!isTerminal(terminal)) {
      console.say("? " + question.text() + " no (no terminal to ask on; pass --yes to answer yes)");
      return false;
    }
    String answer = terminal.readLine("? %s [y/N] ", question.text());
    return answer != null
        && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
  }

  /** A console that is a real terminal; since JDK 22 a console may exist without one. */
  static boolean isTerminal(Console console) {
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException olderJdk) {
      return true;
    }
  }
}
