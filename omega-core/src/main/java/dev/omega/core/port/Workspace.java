package dev.omega.core.port;

import dev.omega.core.sync.FileEntry;
import dev.omega.core.sync.Snapshot;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Set;

/**
 * The user's project directory, as sync sees it (spec 4.3.5): what is ignored or lives in {@code
 * .omega/} is not part of it. Methods throw {@link UncheckedIOException} when the disk fails.
 */
public interface Workspace {
  /** Every file sync sees, with its digest. */
  Snapshot snapshot();

  /**
   * The files at these paths as {@link #snapshot()} would see them now, absent ones left out: what
   * a sync checks after moving them, without walking the whole project. The default takes a whole
   * snapshot.
   */
  default Snapshot snapshot(Collection<String> paths) {
    Set<String> wanted = Set.copyOf(paths);
    Snapshot all = snapshot();
    return all.without(all.paths().stream().filter(p -> !wanted.contains(p)).toList());
  }

  /**
   * Whether sync leaves this path out here (an ignore rule, the env file...): such a path is never
   * written or deleted by a sync, whatever the other side holds.
   */
  boolean isLeftOut(String path);

  /** The file's bytes; the caller closes the stream. */
  InputStream read(String path);

  /**
   * Writes a downloaded file all at once or not at all: the content is checked against {@code
   * entry}'s size and digest before it replaces the old file, which stays intact otherwise; the
   * file gets {@code entry}'s modification time. Harmless to repeat.
   *
   * @throws IllegalStateException when the content does not match the entry
   */
  void write(FileEntry entry, InputStream content);

  /** Deletes a file; harmless when it is already gone. */
  void delete(String path);

  /** Copies the file at {@code path} to {@code keptAt}, a conflict copy under {@code .omega/}. */
  void keepConflictCopy(String path, String keptAt);
}
