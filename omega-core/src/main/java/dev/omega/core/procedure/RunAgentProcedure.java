package dev.omega.core.procedure;

import dev.omega.core.config.OmegaConfig;
import dev.omega.core.model.AgentId;
import dev.omega.core.model.AgentSpec;
import dev.omega.core.model.AgentStatus;
import dev.omega.core.model.AgentView;
import dev.omega.core.model.JobType;
import dev.omega.core.model.ProcessInfo;
import dev.omega.core.model.RunRequest;
import dev.omega.core.port.ApiException;
import dev.omega.core.port.ConsoleEvent.Step;
import dev.omega.core.port.NetworkException;
import dev.omega.core.port.Ports;
import java.util.Optional;
import java.util.UUID;

/**
 * RUN_AGENT_PROCEDURE (spec 4.3.1): brings the project's agent to BUSY with its process, from
 * whatever state it is in. A reconciler: each turn observes the agent and {@link #decide decides}
 * the next action from what it sees and what this run has done so far.
 */
public final class RunAgentProcedure {
  /** What this run has done; nothing of it outlives the run (spec 4.4). */
  record Progress(boolean seenAlive, boolean synced, boolean started) {
    static final Progress START = new Progress(false, false, false);
  }

  sealed interface Action {}

  /** Choose a new id, record it in the configuration, then create. */
  record NewAgent() implements Action {}

  /** Create the agent under the id the configuration already holds. */
  record Create(AgentId id) implements Action {}

  record Await(String state) implements Action {}

  record Sync() implements Action {}

  record Start() implements Action {}

  record Done(AgentView agent) implements Action {}

  record Fail(String message) implements Action {}

  private final Ports ports;
  private final StatusTrail trail;
  private final Retrier retrier;
  private final Waiter waiter;
  private final FileSync fileSync;
  private OmegaConfig config;

  RunAgentProcedure(
      Ports ports, Retrier retrier, Waiter waiter, FileSync fileSync, OmegaConfig config) {
    this.ports = ports;
    this.trail = new StatusTrail(ports.console());
    this.retrier = retrier;
    this.waiter = waiter;
    this.fileSync = fileSync;
    this.config = config;
  }

  static Action decide(Optional<AgentId> recorded, Optional<AgentView> observed, Progress done) {
    return decide(recorded, observed, done, Optional.empty());
  }

  /**
   * The spec's step 1 as a table: what to do next, given what is observed.
   *
   * @param runId the one-time job run under way, recorded before its start was asked for
   */
  static Action decide(
      Optional<AgentId> recorded,
      Optional<AgentView> observed,
      Progress done,
      Optional<String> runId) {
    if (recorded.isEmpty()) {
      return new NewAgent();
    }
    if (observed.isEmpty()) {
      return done.seenAlive()
          ? new Fail("the platform no longer knows agent " + recorded.get())
          : new Create(recorded.get());
    }
    AgentView agent = observed.get();
    return switch (agent.status()) {
      case INIT -> new Await("INIT");
      case IDLE -> {
        if (runId.isPresent() && agent.process().flatMap(ProcessInfo::runId).equals(runId)) {
          // This run's job was started by an earlier, interrupted command and has ended since.
          yield new Done(agent);
        }
        if (!done.synced()) {
          yield new Sync();
        }
        // IDLE after our start: the process has already run to its end.
        yield done.started() ? new Done(agent) : new Start();
      }
      case BUSY -> new Done(agent);
      case DEAD ->
          done.seenAlive()
              ? new Fail(
                  "agent "
                      + agent.id()
                      + " died"
                      + agent.reason().map(r -> ": " + r).orElse("")
                      + ". Run the command again to start a new agent.")
              : new NewAgent();
    };
  }

  /** Runs to the end: returns the agent BUSY with its process (or IDLE once a short one ended). */
  public AgentView run() throws InterruptedException {
    Progress done = Progress.START;
    // The agent as seen before a start the platform did not confirm, until a turn settles it.
    AgentView unconfirmedFrom = null;
    while (true) {
      Optional<AgentId> id = Optional.ofNullable(config.agentId());
      Optional<AgentView> observed =
          id.isEmpty()
              ? Optional.empty()
              : retrier.call("inspect the agent", () -> ports.agents().inspect(id.get()));
      id.ifPresent(agent -> trail.observed("agent " + agent, observed.map(AgentView::status)));
      if (unconfirmedFrom != null
          && observed.isPresent()
          && !observed.get().process().equals(unconfirmedFrom.process())) {
        // Another process than before: the start took effect, though its answer was lost. A short
        // job may already have ended (IDLE again); starting it again would run it twice.
        done = new Progress(done.seenAlive(), done.synced(), true);
      }
      unconfirmedFrom = null;
      Action action = decide(id, observed, done, Optional.ofNullable(config.runId()));
      switch (action) {
        case NewAgent n -> {
          config = config.withAgentId(AgentId.random());
          ports.config().save(config);
        }
        case Create c -> {
          ports.console().show(new Step("Creating agent " + c.id()));
          retrier.call("create the agent", () -> ports.agents().create(c.id(), spec()));
        }
        case Await a -> waiter.pause("the agent to become IDLE", a.state());
        case Sync s -> {
          ports.console().show(new Step("Syncing files with agent " + id.get()));
          fileSync.sync(ports.agents().files(id.get()));
          done = new Progress(done.seenAlive(), true, done.started());
        }
        case Start s -> {
          if (config.jobType() == JobType.JOB && config.runId() == null) {
            config = config.withRunId(UUID.randomUUID().toString());
            ports.config().save(config);
          }
          ports.console().show(new Step("Starting the process on agent " + id.get()));
          if (start(id.get())) {
            done = new Progress(done.seenAlive(), done.synced(), true);
          } else {
            unconfirmedFrom = observed.get();
          }
        }
        case Done d -> {
          ports.console().show(new Step("Agent " + d.agent().id() + " is " + d.agent().status()));
          return d.agent();
        }
        case Fail f -> throw new ProcedureFailedException(f.message());
      }
      if (observed.isPresent() && observed.get().status() != AgentStatus.DEAD) {
        done = new Progress(true, done.synced(), done.started());
      }
    }
  }

  /**
   * agent/run is not idempotent (409 on BUSY), so it is never retried blindly: after a network
   * failure or a 409 the next turn observes whether the process runs.
   *
   * @return whether the platform confirmed the start
   */
  private boolean start(AgentId id) throws InterruptedException {
    try {
      ports.agents().run(id, runRequest());
      return true;
    } catch (NetworkException e) {
      waiter.pause("the platform to confirm the start", "unconfirmed: " + e.getMessage());
      return false;
    } catch (ApiException e) {
      if (e.status() != 409) {
        throw e;
      }
      return false;
    }
  }

  private AgentSpec spec() {
    return new AgentSpec(
        config.jobType(), config.computeSize(), config.diskSize(), config.storage());
  }

  private RunRequest runRequest() {
    Optional<String> command =
        config.jobType() == JobType.LAB ? Optional.empty() : Optional.of(config.command());
    return new RunRequest(
        command, ports.config().environment(config), Optional.ofNullable(config.runId()));
  }
}
