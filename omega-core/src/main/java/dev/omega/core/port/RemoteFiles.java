package dev.omega.core.port;

import dev.omega.core.sync.FileEntry;
import dev.omega.core.sync.Snapshot;
import dev.omega.core.sync.SyncSession;
import java.io.InputStream;
import java.util.Set;

/**
 * The platform's side of a sync: an agent's workspace or a task's cache. Every method may throw a
 * {@link PlatformException}; each is harmless to repeat.
 */
public interface RemoteFiles {
  /** Plans a sync of the client's snapshot against this side and the last agreed snapshot. */
  default SyncSession plan(Snapshot local) {
    return plan(local, Set.of());
  }

  /**
   * Plans a sync, leaving {@code leftOut} out of it on both sides: paths the client's ignore rules
   * exclude, which sync must neither overwrite nor delete, here or there.
   */
  SyncSession plan(Snapshot local, Set<String> leftOut);

  /**
   * Stores a file. The platform checks size and digest against {@code entry} and keeps the previous
   * version when they do not match (400).
   */
  void upload(FileEntry entry, InputStream content);

  /** The bytes of the file the plan named; the caller checks them against {@code entry}. */
  InputStream download(FileEntry entry);

  /** Deletes a file; harmless when it is already gone. */
  void delete(String path);

  /** Verifies that this side now holds the plan's agreed snapshot and records it as agreed. */
  void commit(String syncId);
}
