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
import java.util.Objects;
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

  private final Path file;
  private final Map<String, String> stamps = new HashMap<>();
  private final Map<String, String> digests = new HashMap<>();
  private final Map<String, String> fresh = new HashMap<>();
  private final Map<String, String> freshStamps = new HashMap<>();
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
        String[] f = line.split("\t", -1);
        if (f.length == 5 && Long.parseLong(f[2]) < trustedBefore) {
          cache.stamps.put(f[0], f[1] + "\t" + f[2] + "\t" + f[3]);
          cache.digests.put(f[0], f[4]);
        }
      }
    } catch (NoSuchFileException e) {
      // No cache yet.
    } catch (IOException | RuntimeException damaged) {
      cache.stamps.clear();
      cache.digests.clear();
    }
    return cache;
  }

  /** The digest remembered for this version of the file, if any; remembers it for the next save. */
  Optional<String> lookup(String path, Stamp stamp) {
    String key = key(stamp);
    if (Objects.equals(stamps.get(path), key)) {
      fresh.put(path, digests.get(path));
      freshStamps.put(path, key);
      return Optional.of(digests.get(path));
    }
    return Optional.empty();
  }

  /**
   * The digest this process computed for this version of the file, when the file is old enough that
   * another write could not have kept its stamp: a sync checking what it just moved.
   */
  Optional<String> lookupFresh(String path, Stamp stamp) {
    String key = key(stamp);
    long youngest = System.currentTimeMillis() * 1_000_000L - RACY.toNanos();
    return Objects.equals(freshStamps.get(path), key) && stamp.mtimeNanos() < youngest
        ? Optional.ofNullable(fresh.get(path))
        : lookup(path, stamp);
  }

  void remember(String path, Stamp stamp, String sha256) {
    changed = true;
    fresh.put(path, sha256);
    freshStamps.put(path, key(stamp));
  }

  /**
   * Writes what this snapshot saw; files gone since are forgotten. Nothing is written when the
   * snapshot found every file as the cache had it. Not forced to disk: a cache a crash damages only
   * costs speed.
   */
  void save() {
    if (!changed && fresh.size() == stamps.size()) {
      return;
    }
    StringBuilder text = new StringBuilder();
    Instant now = Instant.now();
    text.append(VERSION)
        .append('\t')
        .append(now.getEpochSecond() * 1_000_000_000L + now.getNano())
        .append('\n');
    fresh.forEach(
        (path, sha) ->
            text.append(path)
                .append('\t')
                .append(freshStamps.get(path))
                .append('\t')
                .append(sha)
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

  private static String key(Stamp stamp) {
    return stamp.size() + "\t" + stamp.mtimeNanos() + "\t" + stamp.fileKey();
  }
}
