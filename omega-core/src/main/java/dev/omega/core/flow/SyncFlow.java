package dev.omega.core.flow;

import dev.omega.core.config.OmegaConfig;
import dev.omega.core.model.AppType;
import dev.omega.core.procedure.Procedures;
import dev.omega.core.procedure.SyncReport;
import dev.omega.core.sync.SyncPlan;
import java.util.Optional;

/**
 * The Sync Flow: syncs the project with the agent, the task cache, or both for an API with a
 * scheduled job.
 */
public final class SyncFlow {
  public record Outcome(AppType appType, Optional<SyncReport> agent, Optional<SyncReport> task) {}

  private final Procedures procedures;

  public SyncFlow(Procedures procedures) {
    this.procedures = procedures;
  }

  /** What a sync would do on each side, as {@code omega sync --dry-run} shows it. */
  public record Preview(AppType appType, Optional<SyncPlan> agent, Optional<SyncPlan> task) {}

  /** What {@link #run()} would do now, moving and committing nothing. */
  public Preview preview() throws InterruptedException {
    OmegaConfig config = Configs.loadValid(procedures.ports().config());
    AppType type = config.appType();
    Optional<SyncPlan> agent =
        type.usesAgent() ? Optional.of(procedures.syncAgent(config).preview()) : Optional.empty();
    Optional<SyncPlan> task =
        type.usesTask() ? Optional.of(procedures.syncTask(config).preview()) : Optional.empty();
    return new Preview(type, agent, task);
  }

  public Outcome run() throws InterruptedException {
    OmegaConfig config = Configs.loadValid(procedures.ports().config());
    AppType type = config.appType();
    return switch (type) {
      case LAB, API, ONE_TIME_JOB ->
          new Outcome(type, Optional.of(procedures.syncAgent(config).run()), Optional.empty());
      case API_WITH_SCHEDULED_JOB -> {
        SyncReport agent = procedures.syncAgent(config).run();
        SyncReport task = procedures.syncTask(config).run();
        // What the task cache brought in must reach the agent too, so all three sides agree.
        if (task.changedLocalFiles()) {
          agent = procedures.syncAgent(config).run();
        }
        yield new Outcome(type, Optional.of(agent), Optional.of(task));
      }
      case SCHEDULED_JOB ->
          new Outcome(type, Optional.empty(), Optional.of(procedures.syncTask(config).run()));
    };
  }
}
