package dev.omega.core.sync;

import static java.util.Objects.requireNonNull;

/** A plan the platform made for one sync, under the id that commits it. */
public record SyncSession(String syncId, SyncPlan plan) {
  public SyncSession {
    requireNonNull(syncId, "syncId");
    requireNonNull(plan, "plan");
  }
}
