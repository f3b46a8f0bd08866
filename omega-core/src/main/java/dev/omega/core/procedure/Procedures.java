package dev.omega.core.procedure;

import dev.omega.core.config.OmegaConfig;
import dev.omega.core.port.Ports;

/** Builds the procedures of spec 4.3 over one set of ports; the flows' single entry to them. */
public final class Procedures {
  private final Ports ports;
  private final Pacing pacing;
  private final Retrier retrier;
  private final FileSync fileSync;

  public Procedures(Ports ports, Pacing pacing) {
    this.ports = ports;
    this.pacing = pacing;
    this.retrier = new Retrier(ports.clock(), ports.console(), pacing);
    this.fileSync = new FileSync(ports, retrier);
  }

  public Ports ports() {
    return ports;
  }

  public RunAgentProcedure runAgent(OmegaConfig config) {
    return new RunAgentProcedure(ports, retrier, waiter(), fileSync, config);
  }

  public StopAgentProcedure stopAgent(OmegaConfig config) {
    return new StopAgentProcedure(ports, retrier, waiter(), fileSync, config);
  }

  public RunTaskProcedure runTask(OmegaConfig config) {
    return new RunTaskProcedure(ports, retrier, waiter(), fileSync, config);
  }

  public StopTaskProcedure stopTask(OmegaConfig config) {
    return new StopTaskProcedure(ports, retrier, waiter(), fileSync, config);
  }

  public SyncAgentProcedure syncAgent(OmegaConfig config) {
    return new SyncAgentProcedure(ports, retrier, waiter(), fileSync, config);
  }

  public SyncTaskProcedure syncTask(OmegaConfig config) {
    return new SyncTaskProcedure(ports, retrier, fileSync, config);
  }

  public WatchAgentLogsProcedure watchAgentLogs(OmegaConfig config) {
    return new WatchAgentLogsProcedure(ports, retrier, waiter(), pacing, config);
  }

  public WatchTaskLogsProcedure watchTaskLogs(OmegaConfig config) {
    return new WatchTaskLogsProcedure(ports, retrier, pacing, config);
  }

  /** Runs a platform call with the core's retry policy; for flows that only observe. */
  public <T> T observe(String what, java.util.function.Supplier<T> call)
      throws InterruptedException {
    return retrier.call(what, call);
  }

  private Waiter waiter() {
    return new Waiter(ports.clock(), ports.console(), pacing);
  }
}
