package dev.omega.core.sync;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The files of one side at one moment, by path (the spec's FilesSnapshotModel). */
public record Snapshot(Map<String, FileEntry> files) {
  public Snapshot {
    // A map already sorted by path (as of() makes) is copied in one linear pass.
    TreeMap<String, FileEntry> sorted = new TreeMap<>(files);
    for (Map.Entry<String, FileEntry> e : sorted.entrySet()) {
      if (!e.getKey().equals(e.getValue().path())) {
        throw new IllegalArgumentException(
            "entry for " + e.getKey() + " names " + e.getValue().path());
      }
    }
    files = Collections.unmodifiableSortedMap(sorted);
  }

  public static Snapshot empty() {
    return new Snapshot(Map.of());
  }

  public static Snapshot of(Collection<FileEntry> entries) {
    TreeMap<String, FileEntry> byPath = new TreeMap<>();
    for (FileEntry entry : entries) {
      if (byPath.put(entry.path(), entry) != null) {
        throw new IllegalArgumentException("two entries for " + entry.path());
      }
    }
    return new Snapshot(byPath);
  }

  public Optional<FileEntry> get(String path) {
    return Optional.ofNullable(files.get(path));
  }

  public Set<String> paths() {
    return files.keySet();
  }

  public int size() {
    return files.size();
  }

  /** This snapshot without the given paths. */
  public Snapshot without(Collection<String> paths) {
    if (paths.isEmpty()) {
      return this;
    }
    TreeMap<String, FileEntry> kept = new TreeMap<>(files);
    paths.forEach(kept::remove);
    return new Snapshot(kept);
  }

  /** Same paths with the same bytes, whatever the modification times. */
  public boolean sameContentAs(Snapshot other) {
    return files.keySet().equals(other.files.keySet())
        && files.values().stream().allMatch(e -> e.sameContent(other.files.get(e.path())));
  }

  /**
   * A SHA-256 of the paths, sizes and digests (not the modification times): two snapshots with the
   * same content digest hold the same bytes at the same paths. Lets two sides find they agree
   * without exchanging every entry.
   */
  public String contentDigest() {
    java.security.MessageDigest digest = Sha256.newDigest();
    for (FileEntry entry : files.values()) {
      digest.update(
          (entry.path() + '\0' + entry.size() + '\0' + entry.sha256() + '\n')
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return Sha256.hex(digest);
  }

  static boolean sameContent(FileEntry a, FileEntry b) {
    return a == null ? b == null : a.sameContent(b);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Snapshot other && files.equals(other.files);
  }

  @Override
  public int hashCode() {
    return Objects.hash(files);
  }
}
