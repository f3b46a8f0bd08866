package dev.omega.core.port;

import dev.omega.core.sync.FileEntry;
import dev.omega.core.sync.Snapshot;
import dev.omega.core.sync.SyncSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The platform's side of a sync: an agent's workspace or a task's cache. Every method may throw a
 * {@link PlatformException}; each is harmless to repeat.
 */
public interface RemoteFiles {
  /**
   * The content digest ({@link Snapshot#contentDigest}) of the snapshot both sides last agreed on,
   * while this side still holds exactly that content; empty once it changed here. A client whose
   * snapshot has this digest has nothing to sync and needs no plan.
   */
  Optional<String> agreedContent();

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

  /** Opens the bytes of a file to upload; the caller closes the stream. */
  @FunctionalInterface
  interface Contents {
    InputStream open(FileEntry entry);
  }

  /**
   * Stores several files in one exchange, each checked like {@link #upload}. A failure may leave
   * the files before it stored: repeating the call is harmless. The default uploads them one by
   * one; a platform that can do better (one streamed request) overrides it.
   */
  default void uploadAll(List<FileEntry> entries, Contents contents) {
    for (FileEntry entry : entries) {
      try (InputStream content = contents.open(entry)) {
        upload(entry, content);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The bytes of the file the plan named; the caller checks them against {@code entry}. */
  InputStream download(FileEntry entry);

  /** Deletes a file; harmless when it is already gone. */
  void delete(String path);

  /** Verifies that this side now holds the plan's agreed snapshot and records it as agreed. */
  void commit(String syncId);
}
