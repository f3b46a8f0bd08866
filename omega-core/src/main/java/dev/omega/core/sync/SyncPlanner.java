package dev.omega.core.sync;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Plans a two-way sync from three snapshots: the client's, the remote's, and the last one both
 * sides agreed on. The base tells a deletion on one side from a creation on the other. When both
 * sides changed a path differently the remote wins (spec 4.3.5) and the local loser is kept as a
 * conflict copy. Applying the plan makes both sides equal to {@link SyncPlan#agreed()}; planning
 * again from there yields an empty plan. A pure function, shared by the platform and the fakes.
 */
public final class SyncPlanner {
  /** Where conflict copies go: inside {@code .omega/}, which no snapshot includes. */
  public static final String CONFLICTS_FOLDER = ".omega/conflicts/";

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private SyncPlanner() {}

  /**
   * @param now when the plan is made; names the conflict-copy folder
   */
  public static SyncPlan plan(Snapshot local, Snapshot remote, Snapshot base, Instant now) {
    List<FileEntry> upload = new ArrayList<>();
    List<FileEntry> download = new ArrayList<>();
    List<String> deleteLocal = new ArrayList<>();
    List<String> deleteRemote = new ArrayList<>();
    List<Conflict> conflicts = new ArrayList<>();
    TreeMap<String, FileEntry> agreed = new TreeMap<>();
    String conflictFolder = CONFLICTS_FOLDER + STAMP.format(now) + "/";

    TreeSet<String> paths = new TreeSet<>(local.paths());
    paths.addAll(remote.paths());
    for (String path : paths) {
      FileEntry l = local.files().get(path);
      FileEntry r = remote.files().get(path);
      FileEntry b = base.files().get(path);
      if (Snapshot.sameContent(l, r)) {
        if (r != null) {
          agreed.put(path, r);
        }
        continue;
      }
      boolean localChanged = !Snapshot.sameContent(l, b);
      boolean remoteChanged = !Snapshot.sameContent(r, b);
      if (localChanged && !remoteChanged) {
        if (l == null) {
          deleteRemote.add(path);
        } else {
          upload.add(l);
          agreed.put(path, l);
        }
        continue;
      }
      // The remote changed (alone, or both did): the remote version wins.
      if (localChanged) {
        conflicts.add(
            new Conflict(path, Optional.ofNullable(l).map(x -> conflictFolder + x.path())));
      }
      if (r == null) {
        deleteLocal.add(path);
      } else {
        download.add(r);
        agreed.put(path, r);
      }
    }
    Snapshot after = new Snapshot(agreed);
    return new SyncPlan(
        upload, download, deleteLocal, deleteRemote, conflicts, after, !after.sameContentAs(base));
  }
}
