package dev.omega.core.port;

/** Asks the user a yes/no question; the CLI answers from a terminal or from --yes / --no. */
public interface Prompter {
  /**
   * @throws InterruptedException when the user cancels instead of answering
   */
  boolean confirm(Question question) throws InterruptedException;
}
