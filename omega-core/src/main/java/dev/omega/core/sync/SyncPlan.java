package dev.omega.core.sync;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What one sync does (the spec's FilesSyncModel): files to upload (local entries), to download
 * (remote entries), to delete on each side, the conflicts among them, and the snapshot both sides
 * hold once it is applied, and whether that snapshot is a new agreement (it differs from the one
 * both sides last agreed on).
 */
public record SyncPlan(
    List<FileEntry> upload,
    List<FileEntry> download,
    List<String> deleteLocal,
    List<String> deleteRemote,
    List<Conflict> conflicts,
    Snapshot agreed,
    boolean newAgreement) {
  public SyncPlan {
    upload = List.copyOf(upload);
    download = List.copyOf(download);
    deleteLocal = List.copyOf(deleteLocal);
    deleteRemote = List.copyOf(deleteRemote);
    conflicts = List.copyOf(conflicts);
    requireNonNull(agreed, "agreed");
  }

  /**
   * Whether it moves nothing and agrees on what was last agreed: there is nothing to commit, so a
   * sync that finds one sends no change at all.
   */
  public boolean settled() {
    return isEmpty() && !newAgreement;
  }

  /** Whether applying it moves nothing. */
  public boolean isEmpty() {
    return upload.isEmpty()
        && download.isEmpty()
        && deleteLocal.isEmpty()
        && deleteRemote.isEmpty();
  }

  /** How many files it moves or deletes. */
  public int actionCount() {
    return upload.size() + download.size() + deleteLocal.size() + deleteRemote.size();
  }
}
