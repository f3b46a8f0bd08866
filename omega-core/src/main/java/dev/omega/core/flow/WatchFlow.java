package dev.omega.core.flow;

import dev.omega.core.config.OmegaConfig;
import dev.omega.core.procedure.Procedures;
import java.util.OptionalInt;

/**
 * The Watch Flow: the agent's logs for a Lab, an API or a one-time job; the task's log history for
 * a scheduled job; either for an API with a scheduled job, the agent's unless the task's are asked
 * for.
 */
public final class WatchFlow {
  /** Whose logs to show. */
  public enum Source {
    /** The agent's for types that have one, else the task's. */
    DEFAULT,
    /** The agent's. */
    AGENT,
    /** The task's jobs'. */
    TASK
  }

  private final Procedures procedures;

  public WatchFlow(Procedures procedures) {
    this.procedures = procedures;
  }

  /** Shows the logs; returns how many lines were shown. */
  public long run(Source source) throws InterruptedException {
    return run(source, true);
  }

  /**
   * @param follow stream an agent's logs while its process runs; without it, show what is stored
   *     and return (a task's logs are always read once, spec 4.3.6.2)
   */
  public long run(Source source, boolean follow) throws InterruptedException {
    return run(source, follow, OptionalInt.empty());
  }

  /**
   * @param tail start with only the last this many stored lines ({@code watch --tail N})
   */
  public long run(Source source, boolean follow, OptionalInt tail) throws InterruptedException {
    OmegaConfig config = Configs.loadValid(procedures.ports().config());
    boolean agent =
        switch (source) {
          case DEFAULT -> config.appType().usesAgent();
          case AGENT -> true;
          case TASK -> false;
        };
    return agent
        ? procedures.watchAgentLogs(config).run(follow, tail)
        : procedures.watchTaskLogs(config).run(tail);
  }
}
