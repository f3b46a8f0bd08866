package dev.omega.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * SHA-256 digests of the project's files, remembered against each file's size, modification time
 * and inode in {@code .omega/digests}, so that a snapshot of an unchanged tree reads no file. Only
 * a cache: a missing or damaged file costs speed, nothing else.
 */
final class DigestCache {
  /** What identifies one version of a file without reading it. */
  record Stamp(long size, long mtimeNanos, String fileKey) {
    static Stamp of(BasicFileAttributes attributes) {
      return new Stamp(
          attributes.size(),
          attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS),
          String.valueOf(attributes.fileKey()));
    }
  }

  // A file changed within the modification time's granularity of being hashed keeps its stamp:
  // entries this young when the cache was written are not trusted (git's "racily clean" rule).
  private static final Duration RACY = Duration.ofSeconds(2);
  private static final String VERSION = "omega-digests 1";

  /** A version of a file and its digest. */
  private record Known(Stamp stamp, String sha256) {}

  private final Path file;
  private final Map<String, Known> known = new HashMap<>();
  private final Map<String, Known> fresh = new HashMap<>();
  private boolean changed;

  private DigestCache(Path file) {
    this.file = file;
  }

  static DigestCache load(Path file) {
    DigestCache cache = new DigestCache(file);
    try {
      var lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (lines.isEmpty() || !lines.get(0).startsWith(VERSION + "\t")) {
        return cache;
      }
      long writtenNanos = Long.parseLong(lines.get(0).substring(VERSION.length() + 1));
      long trustedBefore = writtenNanos - RACY.toNanos();
      for (String line : lines.subList(1, lines.size())) {
        // path, size, modification time (ns), file key, digest: tab-separated.
        int size = line.indexOf('\t');
        int mtime = line.indexOf('\t', size + 1);
        int key = line.indexOf('\t', mtime + 1);
        int sha = line.indexOf('\t', key + 1);
        if (size < 0 || mtime < 0 || key < 0 || sha < 0 || line.indexOf('\t', sha + 1) >= 0) {
          continue;
        }
        Stamp stamp =
            new Stamp(
                Long.parseLong(line, size + 1, mtime, 10),
                Long.parseLong(line, mtime + 1, key, 10),
                line.substring(key + 1, sha));
        if (stamp.mtimeNanos() < trustedBefore) {
          cache.known.put(line.substring(0, size), new Known(stamp, line.substring(sha + 1)));
        }
      }
    } catch (NoSuchFileException e) {
      // No cache yet.
    } catch (IOException | RuntimeException damaged) {
      cache.known.clear();
    }
    return cache;
  }

  /** The digest remembered for this version of the file, if any; remembers it for the next save. */
  Optional<String> lookup(String path, Stamp stamp) {
    Known k = known.get(path);
    if (k != null && k.stamp().equals(stamp)) {
      fresh.put(path, k);
      return Optional.of(k.sha256());
    }
    return Optional.empty();
  }

  /**
   * The digest this process computed for this version of the file, when the file is old enough that
   * another write could not have kept its stamp: a sync checking what it just moved.
   */
  Optional<String> lookupFresh(String path, Stamp stamp) {
    Known k = fresh.get(path);
    long youngest = System.currentTimeMillis() * 1_000_000L - RACY.toNanos();
    return k != null && k.stamp().equals(stamp) && stamp.mtimeNanos() < youngest
        ? Optional.of(k.sha256())
        : lookup(path, stamp);
  }

  void remember(String path, Stamp stamp, String sha256) {
    changed = true;
    fresh.put(path, new Known(stamp, sha256));
  }

  /**
   * Writes what this snapshot saw; files gone since are forgotten. Nothing is written when the
   * snapshot found every file as the cache had it. Not forced to disk: a cache a crash damages only
   * costs speed.
   */
  void save() {
    if (!changed && fresh.size() == known.size()) {
      return;
    }
    StringBuilder text = new StringBuilder();
    Instant now = Instant.now();
    text.append(VERSION)
        .append('\t')
        .append(now.getEpochSecond() * 1_000_000_000L + now.getNano())
        .append('\n');
    fresh.forEach(
        (path, k) ->
            text.append(path)
                .append('\t')
                .append(k.stamp().size())
                .append('\t')
                .append(k.stamp().mtimeNanos())
                .append('\t')
                .append(k.stamp().fileKey())
                .append('\t')
                .append(k.sha256())
                .append('\n'));
    try {
      Files.createDirectories(file.getParent());
      Path temp = file.resolveSibling(file.getFileName() + ".tmp-" + ProcessHandle.current().pid());
      Files.write(temp, text.toString().getBytes(StandardCharsets.UTF_8));
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException unwritable) {
      // A cache that cannot be written only costs speed next time.
    }
  }
}
