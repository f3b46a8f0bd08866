package dev.omega.testkit;

/**
 * Stands for the client being killed (SIGKILL) at a chosen point. An {@link Error}, so that no
 * catch of exceptions in the code under test can swallow it.
 */
public final class SimulatedCrash extends Error {
  public SimulatedCrash(String where) {
    super("simulated crash after " + where);
  }
}
