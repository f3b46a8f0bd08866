package dev.omega.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The SHA-256 digests of a tree's files, remembered against each file's size, modification time and
 * inode, so that planning against an unchanged tree reads no file (the server's side of the
 * client's {@code .omega/digests}). Kept in memory: after a restart the first plan reads every file
 * once. This class is threadsafe.
 */
final class TreeDigests {
  /** What identifies one version of a file without reading it. */
  record Stamp(long size, long mtimeNanos, Object fileKey) {
    static Stamp of(BasicFileAttributes attributes) {
      return new Stamp(
          attributes.size(),
          attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS),
          attributes.fileKey());
    }
  }

  private record Known(Stamp stamp, String sha256) {}

  // A file written within the modification time's granularity of being hashed may change again
  // without its stamp changing: such young files are hashed again next time (git's "racily clean").
  static final Duration RACY = Duration.ofSeconds(2);

  private final Map<String, Known> known = new ConcurrentHashMap<>();
  private final Hasher hasher;

  /** Reads a file's digest. */
  interface Hasher {
    String digest(Path file) throws IOException;
  }

  TreeDigests(Hasher hasher) {
    this.hasher = hasher;
  }

  /** The digest of {@code file} as {@code attributes} describe it now, read only if it changed. */
  String digest(String path, Path file, BasicFileAttributes attributes) throws IOException {
    Stamp stamp = Stamp.of(attributes);
    Known k = known.get(path);
    if (k != null && k.stamp().equals(stamp)) {
      return k.sha256();
    }
    String sha = hasher.digest(file);
    remember(path, stamp, sha);
    return sha;
  }

  /** The server has just written {@code file} with these bytes (an upload it verified). */
  void stored(String path, Path file, String sha256) throws IOException {
    remember(
        path,
        Stamp.of(Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)),
        sha256);
  }

  void forget(String path) {
    known.remove(path);
  }

  /** Forgets every path but these: files gone since. */
  void retainOnly(Set<String> paths) {
    known.keySet().retainAll(paths);
  }

  /** How many digests are remembered. */
  int size() {
    return known.size();
  }

  private void remember(String path, Stamp stamp, String sha256) {
    long youngest = System.currentTimeMillis() * 1_000_000L - RACY.toNanos();
    if (stamp.mtimeNanos() < youngest) {
      known.put(path, new Known(stamp, Objects.requireNonNull(sha256)));
    } else {
      known.remove(path);
    }
  }
}
