package dev.omega.core.procedure;

import dev.omega.core.config.OmegaConfig;
import dev.omega.core.model.AgentId;
import dev.omega.core.model.AgentView;
import dev.omega.core.model.LogPage;
import dev.omega.core.port.NetworkException;
import dev.omega.core.port.Ports;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * WATCH_AGENT_LOGS_PROCEDURE (spec 4.3.6.1): streams the logs of an IDLE or BUSY agent until its
 * process ends, reads the stored logs of a DEAD one. A broken stream is caught up from the stored
 * logs and reconnected from the next line, so each line is shown once.
 */
public final class WatchAgentLogsProcedure {
  sealed interface Action {}

  record Await() implements Action {}

  record Stream() implements Action {}

  record ReadStored() implements Action {}

  record Fail(String message) implements Action {}

  private final Ports ports;
  private final Retrier retrier;
  private final Waiter waiter;
  private final Pacing pacing;
  private final OmegaConfig config;

  WatchAgentLogsProcedure(
      Ports ports, Retrier retrier, Waiter waiter, Pacing pacing, OmegaConfig config) {
    this.ports = ports;
    this.retrier = retrier;
    this.waiter = waiter;
    this.pacing = pacing;
    this.config = config;
  }

  static Action decide(AgentId id, Optional<AgentView> observed) {
    if (observed.isEmpty()) {
      return new Fail("the platform has no agent " + id + ". Start one with omega run.");
    }
    return switch (observed.get().status()) {
      case INIT -> new Await();
      case IDLE, BUSY -> new Stream();
      case DEAD -> new ReadStored();
    };
  }

  /** Runs until the process ended and every line was shown; returns how many were. */
  public long run() throws InterruptedException {
    return run(true);
  }

  /**
   * @param follow stream while the process runs; without it, show the stored lines and return
   *     ({@code watch --no-follow})
   */
  public long run(boolean follow) throws InterruptedException {
    return run(follow, OptionalInt.empty());
  }

  /**
   * @param tail show only the last this many stored lines, then follow on from there
   */
  public long run(boolean follow, OptionalInt tail) throws InterruptedException {
    return run(follow, tail, 0);
  }

  /**
   * Follows the output of a process whose first line is at {@code firstLine} of the log, until it
   * ends ({@code omega run}).
   */
  public long followFrom(long firstLine) throws InterruptedException {
    return run(true, OptionalInt.empty(), firstLine);
  }

  private long run(boolean follow, OptionalInt tail, long firstLine) throws InterruptedException {
    AgentId id = config.agentId();
    if (id == null) {
      throw new ProcedureFailedException(
          "this project has no agent yet, so it has no logs. Start one with omega run.");
    }
    LogSink sink = new LogSink(ports.console());
    sink.skipTo(firstLine);
    if (!follow || tail.isPresent()) {
      if (retrier.call("inspect the agent", () -> ports.agents().inspect(id)).isEmpty()) {
        throw new ProcedureFailedException(
            "the platform has no agent " + id + ". Start one with omega run.");
      }
      if (tail.isPresent()) {
        LogTail.show(from -> page(id, from), tail.getAsInt(), sink);
      } else {
        readStored(id, sink);
      }
      if (!follow) {
        return sink.delivered();
      }
    }
    while (true) {
      Optional<AgentView> observed =
          retrier.call("inspect the agent", () -> ports.agents().inspect(id));
      switch (decide(id, observed)) {
        case Await a -> waiter.pause("the agent to become IDLE", "INIT");
        case Stream s -> {
          try {
            ports.agents().watch(id, sink.next(), sink::accept);
            return sink.delivered();
          } catch (NetworkException e) {
            // Fall back to the stored logs, then reconnect (spec 4.3.6.1).
            readStored(id, sink);
            waiter.pause("the log stream to reconnect", "disconnected: " + e.getMessage());
          }
        }
        case ReadStored r -> {
          readStored(id, sink);
          return sink.delivered();
        }
        case Fail f -> throw new ProcedureFailedException(f.message());
      }
    }
  }

  private void readStored(AgentId id, LogSink sink) throws InterruptedException {
    while (true) {
      LogPage page = page(id, sink.next());
      page.lines().forEach(sink::accept);
      if (page.isEnd()) {
        return;
      }
    }
  }

  private LogPage page(AgentId id, long from) throws InterruptedException {
    return retrier.call(
        "read the agent's logs", () -> ports.agents().logs(id, from, pacing.logPageSize()));
  }
}
