package dev.omega.core.port;

import dev.omega.core.model.AgentId;
import dev.omega.core.model.AgentSpec;
import dev.omega.core.model.AgentView;
import dev.omega.core.model.LogLine;
import dev.omega.core.model.LogPage;
import dev.omega.core.model.RunRequest;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The platform's agents (spec 3.1, 4.3.1, 4.3.2, 4.3.6.1). Every method may throw a {@link
 * PlatformException}; an illegal move answers {@link ApiException} with status 409. Implementations
 * are threadsafe.
 */
public interface AgentApi {
  /** The agent, or empty when the caller has none with this id. Harmless to repeat. */
  Optional<AgentView> inspect(AgentId id);

  /** Every agent of the caller, DEAD ones included. */
  List<AgentView> list();

  /**
   * Creates an agent in INIT under the client's id. Creating an existing id with the same spec
   * returns it unchanged, so a retry is harmless; with another spec it fails with 409.
   */
  AgentView create(AgentId id, AgentSpec spec);

  /** Starts the process on an IDLE agent, which becomes BUSY; 409 in any other status. */
  void run(AgentId id, RunRequest request);

  /** Asks the process to stop; the agent returns to IDLE once it has. Harmless on IDLE. */
  void stop(AgentId id);

  /** Terminates the agent, which becomes DEAD; its logs stay readable. Harmless on DEAD. */
  void kill(AgentId id);

  /** The agent's files, for SYNC_AGENT (spec 4.3.5.1). */
  RemoteFiles files(AgentId id);

  /** Stored log lines from {@code offset}, at most {@code limit}; also for a DEAD agent. */
  LogPage logs(AgentId id, long offset, int limit);

  /**
   * Streams log lines from {@code offset} to {@code sink} as they are written, and returns once the
   * agent's process has ended and every line was handed over (at once when no process runs).
   *
   * @throws NetworkException when the stream breaks; reconnecting from the next offset is safe
   * @throws InterruptedException when the caller is cancelled
   */
  void watch(AgentId id, long offset, Consumer<LogLine> sink) throws InterruptedException;
}
