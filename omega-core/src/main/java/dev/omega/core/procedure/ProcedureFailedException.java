package dev.omega.core.procedure;

/** A procedure cannot reach its goal; the message names the problem and what the user can do. */
public final class ProcedureFailedException extends RuntimeException {
  public ProcedureFailedException(String message) {
    super(message);
  }

  public ProcedureFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
