package dev.omega.core.model;

/** A state machine was asked for a move the spec does not allow. */
public final class IllegalTransitionException extends RuntimeException {
  private final String machine;
  private final String from;
  private final String to;

  public IllegalTransitionException(String machine, Enum<?> from, Enum<?> to) {
    super(machine + " cannot go from " + from + " to " + to);
    this.machine = machine;
    this.from = from.name();
    this.to = to.name();
  }

  public String machine() {
    return machine;
  }

  public String from() {
    return from;
  }

  public String to() {
    return to;
  }
}
