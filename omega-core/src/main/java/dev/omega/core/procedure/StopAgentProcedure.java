package dev.omega.core.procedure;

import dev.omega.core.config.OmegaConfig;
import dev.omega.core.model.AgentId;
import dev.omega.core.model.AgentView;
import dev.omega.core.model.JobType;
import dev.omega.core.port.ConsoleEvent.Step;
import dev.omega.core.port.Ports;
import dev.omega.core.port.Question;
import java.util.Optional;

/**
 * STOP_AGENT_PROCEDURE (spec 4.3.2): stops the process, syncs the files back while the agent is
 * IDLE, then terminates a Lab always and other types when the user agrees.
 */
public final class StopAgentProcedure {
  /**
   * What this run has done.
   *
   * @param terminate the user's answer to {@link Question#TERMINATE_AGENT}, once asked
   */
  record Progress(boolean stopRequested, boolean synced, Optional<Boolean> terminate) {
    static final Progress START = new Progress(false, false, Optional.empty());
  }

  sealed interface Action {}

  record Await(String forWhat, String state) implements Action {}

  record StopProcess() implements Action {}

  record Sync() implements Action {}

  record AskToTerminate() implements Action {}

  record Kill() implements Action {}

  /** Finished; the agent when there is one. */
  record Done(Optional<AgentView> agent) implements Action {}

  private final Ports ports;
  private final StatusTrail trail;
  private final Retrier retrier;
  private final Waiter waiter;
  private final FileSync fileSync;
  private final OmegaConfig config;

  StopAgentProcedure(
      Ports ports, Retrier retrier, Waiter waiter, FileSync fileSync, OmegaConfig config) {
    this.ports = ports;
    this.trail = new StatusTrail(ports.console());
    this.retrier = retrier;
    this.waiter = waiter;
    this.fileSync = fileSync;
    this.config = config;
  }

  static Action decide(JobType jobType, Optional<AgentView> observed, Progress done) {
    if (observed.isEmpty()) {
      return new Done(Optional.empty());
    }
    AgentView agent = observed.get();
    return switch (agent.status()) {
      case INIT -> new Await("the agent to become IDLE", "INIT");
      case BUSY ->
          done.stopRequested() ? new Await("the process to stop", "BUSY") : new StopProcess();
      case IDLE -> {
        if (!done.synced()) {
          yield new Sync();
        }
        if (jobType == JobType.LAB) {
          yield new Kill();
        }
        yield done.terminate().isEmpty()
            ? new AskToTerminate()
            : done.terminate().get() ? new Kill() : new Done(observed);
      }
      case DEAD -> new Done(observed);
    };
  }

  /** Runs to the end: returns the agent as left (IDLE or DEAD), or empty when there is none. */
  public Optional<AgentView> run() throws InterruptedException {
    Optional<AgentId> id = Optional.ofNullable(config.agentId());
    if (id.isEmpty()) {
      return Optional.empty();
    }
    Progress done = Progress.START;
    while (true) {
      Optional<AgentView> observed =
          retrier.call("inspect the agent", () -> ports.agents().inspect(id.get()));
      trail.observed("agent " + id.get(), observed.map(AgentView::status));
      switch (decide(config.jobType(), observed, done)) {
        case Await a -> waiter.pause(a.forWhat(), a.state());
        case StopProcess s -> {
          ports.console().show(new Step("Stopping the process on agent " + id.get()));
          retrier.run("stop the process", () -> ports.agents().stop(id.get()));
          done = new Progress(true, done.synced(), done.terminate());
        }
        case Sync s -> {
          ports.console().show(new Step("Syncing files back from agent " + id.get()));
          fileSync.sync(ports.agents().files(id.get()));
          done = new Progress(done.stopRequested(), true, done.terminate());
        }
        case AskToTerminate a -> {
          boolean yes = ports.prompter().confirm(Question.TERMINATE_AGENT);
          done = new Progress(done.stopRequested(), done.synced(), Optional.of(yes));
        }
        case Kill k -> {
          ports.console().show(new Step("Terminating agent " + id.get()));
          retrier.run("terminate the agent", () -> ports.agents().kill(id.get()));
          // A Lab is always terminated; remember it so DEAD ends the loop either way.
          done = new Progress(done.stopRequested(), done.synced(), Optional.of(true));
        }
        case Done d -> {
          // The stopped run is over: the next omega run starts a new one.
          ports
              .config()
              .load()
              .filter(current -> current.runId() != null)
              .ifPresent(current -> ports.config().save(current.withRunId(null)));
          return d.agent();
        }
      }
    }
  }
}
