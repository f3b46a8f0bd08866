package dev.omega.cli;

/** What the process's exit status says (issue 7): the same for every command. */
final class ExitCode {
  static final int OK = 0;

  /** The operation failed: the platform refused it, or it could not finish. */
  static final int FAILED = 1;

  /** The command line or the configuration is wrong. */
  static final int USAGE = 2;

  /** The platform refused the apikey. */
  static final int AUTH = 3;

  /** Ctrl+C. */
  static final int INTERRUPTED = 130;

  private ExitCode() {}
}
