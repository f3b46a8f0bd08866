package dev.omega.cli;

/**
 * A process with {@link CtrlC} installed whose work shrugs off interrupts, as a command stuck in a
 * call that does not end on one would: only the second Ctrl+C can end it.
 */
final class CtrlCProbe {
  private CtrlCProbe() {}

  public static void main(String[] args) {
    CtrlC.install(Thread.currentThread());
    System.out.println("ready");
    System.out.flush();
    while (true) {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException first) {
        System.out.println("interrupted, still working");
        System.out.flush();
      }
    }
  }
}
