package dev.omega.cli;

/** One of the CLI's commands: reads its flags, calls one flow, says how it went. */
interface Command {
  /** Returns the process's exit code. */
  int run(Wiring wiring) throws Exception;
}
