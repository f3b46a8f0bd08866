package dev.omega.testkit;

import dev.omega.core.port.Workspace;
import dev.omega.core.sync.FileEntry;
import dev.omega.core.sync.RelativePath;
import dev.omega.core.sync.Sha256;
import dev.omega.core.sync.Snapshot;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A project directory in memory. Conflict copies live apart, as {@code .omega/} does on disk, so
 * snapshots never see them. This class is threadsafe.
 */
public final class FakeWorkspace implements Workspace {
  private record Stored(byte[] content, long mtime) {}

  private final TreeMap<String, Stored> files = new TreeMap<>();
  private final TreeMap<String, byte[]> conflictCopies = new TreeMap<>();
  private final Set<String> leftOut = new java.util.HashSet<>();
  private long clockMillis = 1_700_000_000_000L;

  @Override
  public synchronized Snapshot snapshot() {
    List<FileEntry> entries = new ArrayList<>();
    files.forEach(
        (path, f) -> {
          if (!leftOut.contains(path)) {
            entries.add(new FileEntry(path, f.content.length, f.mtime, Sha256.hex(f.content)));
          }
        });
    return Snapshot.of(entries);
  }

  @Override
  public synchronized boolean isLeftOut(String path) {
    return leftOut.contains(path);
  }

  /** Makes sync leave this path out here, as an ignore rule would. */
  public synchronized FakeWorkspace leaveOut(String path) {
    leftOut.add(path);
    return this;
  }

  @Override
  public synchronized InputStream read(String path) {
    Stored stored = files.get(path);
    if (stored == null) {
      throw new UncheckedIOException(new IOException("no such file: " + path));
    }
    return new ByteArrayInputStream(stored.content);
  }

  @Override
  public synchronized void write(FileEntry entry, InputStream content) {
    if (leftOut.contains(entry.path())) {
      throw new AssertionError("sync wrote " + entry.path() + ", which it leaves out");
    }
    byte[] bytes;
    try {
      bytes = content.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (bytes.length != entry.size() || !Sha256.hex(bytes).equals(entry.sha256())) {
      throw new IllegalStateException(entry.path() + " arrived with other bytes than announced");
    }
    files.put(entry.path(), new Stored(bytes, entry.mtime()));
  }

  @Override
  public synchronized void delete(String path) {
    if (leftOut.contains(path)) {
      throw new AssertionError("sync deleted " + path + ", which it leaves out");
    }
    files.remove(RelativePath.check(path));
  }

  @Override
  public synchronized void keepConflictCopy(String path, String keptAt) {
    Stored stored = files.get(path);
    if (stored != null) {
      conflictCopies.put(keptAt, stored.content.clone());
    }
  }

  /** Writes a file as the user would. */
  public synchronized FakeWorkspace put(String path, String content) {
    files.put(
        RelativePath.check(path),
        new Stored(content.getBytes(StandardCharsets.UTF_8), ++clockMillis));
    return this;
  }

  public synchronized Map<String, byte[]> contents() {
    Map<String, byte[]> copy = new TreeMap<>();
    files.forEach((path, f) -> copy.put(path, f.content.clone()));
    return copy;
  }

  public synchronized Map<String, byte[]> conflictCopies() {
    return new TreeMap<>(conflictCopies);
  }
}
