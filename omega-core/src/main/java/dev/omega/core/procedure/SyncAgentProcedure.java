package dev.omega.core.procedure;

import dev.omega.core.config.OmegaConfig;
import dev.omega.core.model.AgentId;
import dev.omega.core.model.AgentView;
import dev.omega.core.port.ConsoleEvent.Step;
import dev.omega.core.port.Ports;
import dev.omega.core.port.RemoteFiles;
import dev.omega.core.sync.SyncPlan;
import java.util.Optional;

/**
 * SYNC_AGENT_PROCEDURE (spec 4.3.5.1) on its own, as {@code omega sync} runs it: waits out INIT,
 * then syncs with an IDLE or BUSY agent. The agent's version wins conflicts.
 */
public final class SyncAgentProcedure {
  private final Ports ports;
  private final Retrier retrier;
  private final Waiter waiter;
  private final FileSync fileSync;
  private final OmegaConfig config;

  SyncAgentProcedure(
      Ports ports, Retrier retrier, Waiter waiter, FileSync fileSync, OmegaConfig config) {
    this.ports = ports;
    this.retrier = retrier;
    this.waiter = waiter;
    this.fileSync = fileSync;
    this.config = config;
  }

  public SyncReport run() throws InterruptedException {
    RemoteFiles remote = remote();
    ports.console().show(new Step("Syncing files with agent " + config.agentId()));
    return fileSync.sync(remote);
  }

  /** What {@link #run()} would do now, moving nothing. */
  public SyncPlan preview() throws InterruptedException {
    return fileSync.preview(remote());
  }

  /** The agent's files once it answers (INIT waited out). */
  private RemoteFiles remote() throws InterruptedException {
    AgentId id = requireAgent();
    while (true) {
      Optional<AgentView> observed =
          retrier.call("inspect the agent", () -> ports.agents().inspect(id));
      if (observed.isEmpty()) {
        throw noAgent("the platform has no agent " + id);
      }
      switch (observed.get().status()) {
        case INIT -> waiter.pause("the agent to become IDLE", "INIT");
        case IDLE, BUSY -> {
          return ports.agents().files(id);
        }
        case DEAD -> throw noAgent("agent " + id + " is DEAD");
      }
    }
  }

  private AgentId requireAgent() {
    if (config.agentId() == null) {
      throw noAgent("this project has no agent yet");
    }
    return config.agentId();
  }

  private static ProcedureFailedException noAgent(String why) {
    return new ProcedureFailedException(
        why + ", so there is nothing to sync with. Start one with omega run.");
  }
}
