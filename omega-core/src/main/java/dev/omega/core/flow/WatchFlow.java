package dev.omega.core.flow;

import dev.omega.core.config.OmegaConfig;
import dev.omega.core.procedure.Procedures;

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
    OmegaConfig config = Configs.loadValid(procedures.ports().config());
    boolean agent =
        switch (source) {
          case DEFAULT -> config.appType().usesAgent();
          case AGENT -> true;
          case TASK -> false;
        };
    return agent ? procedures.watchAgentLogs(config).run() : procedures.watchTaskLogs(config).run();
  }
}
