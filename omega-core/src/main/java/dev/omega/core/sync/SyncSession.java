package dev.omega.core.sync;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A plan the platform made for one sync, under the id that commits it. */
public record SyncSession(String syncId, SyncPlan plan) {
  public SyncSession {
    requireNonNull(syncId, "syncId");
    requireNonNull(plan, "plan");
  }

  /**
   * The plan when both sides hold what they last agreed on, {@code agreed}: it moves nothing and
   * has nothing to commit, so no platform made it and its id names none (never commit it).
   */
  public static SyncSession settled(Snapshot agreed) {
    return new SyncSession(
        "settled",
        new SyncPlan(List.of(), List.of(), List.of(), List.of(), List.of(), agreed, false));
  }
}
