package dev.omega.core.procedure;

import dev.omega.core.sync.Conflict;
import dev.omega.core.sync.SyncPlan;
import java.util.List;

/** What one sync did. */
public record SyncReport(
    int uploaded,
    int downloaded,
    int deletedLocally,
    int deletedRemotely,
    List<Conflict> conflicts) {
  public SyncReport {
    conflicts = List.copyOf(conflicts);
  }

  static SyncReport of(SyncPlan plan) {
    return new SyncReport(
        plan.upload().size(),
        plan.download().size(),
        plan.deleteLocal().size(),
        plan.deleteRemote().size(),
        plan.conflicts());
  }

  /** Whether the sync wrote or deleted files in the project. */
  public boolean changedLocalFiles() {
    return downloaded + deletedLocally > 0;
  }

  public boolean movedNothing() {
    return uploaded + downloaded + deletedLocally + deletedRemotely == 0;
  }
}
