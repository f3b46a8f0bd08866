package dev.omega.config;

import dev.omega.core.port.Workspace;
import dev.omega.core.sync.FileEntry;
import dev.omega.core.sync.RelativePath;
import dev.omega.core.sync.Sha256;
import dev.omega.core.sync.Snapshot;
import dev.omega.core.sync.SyncPlanner;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The project directory on disk (spec 4.3.5, 7.3). What sync sees is decided by {@link
 * ProjectWalker}; digests come from the {@link DigestCache} when a file has not changed. Downloads
 * land in a temporary file beside their target and replace it only once their digest matches, so
 * the real name never holds a partial file.
 */
final class LocalWorkspace implements Workspace {
  static final String PARTIAL_MARK = ".omega-partial-";
  private static final String DIGESTS = ".omega/digests";

  private final Path root;
  private final Optional<String> envFile;
  // A name read from disk in another Unicode form than the NFC form sync uses.
  private final Map<String, String> onDisk = new ConcurrentHashMap<>();
  private final AtomicLong bytesHashed = new AtomicLong();

  LocalWorkspace(Path root, Optional<String> envFile) {
    this.root = root.toAbsolutePath().normalize();
    this.envFile = envFile;
  }

  // The cache of the last snapshot, with what it hashed: a check of a few paths right after uses
  // it.
  private volatile DigestCache lastCache;

  @Override
  public Snapshot snapshot() {
    DigestCache cache = DigestCache.load(root.resolve(DIGESTS));
    lastCache = cache;
    List<FileEntry> entries = new ArrayList<>();
    List<Unhashed> unknown = new ArrayList<>();
    Map<String, String> seen = new java.util.HashMap<>();
    new ProjectWalker(root, envFile)
        .walk(
            (file, rel) -> {
              String other = seen.putIfAbsent(file.path(), rel);
              if (other != null) {
                throw sameNameTwice(other, rel);
              }
              if (!file.path().equals(rel)) {
                onDisk.put(file.path(), rel);
              }
              cache
                  .lookup(file.path(), file.stamp())
                  .ifPresentOrElse(
                      sha -> entries.add(entry(file, sha)),
                      () -> unknown.add(new Unhashed(file, rel)));
            },
            (path, why) -> {});
    // Files hashed on every core: SHA-256 is what a first sync of large files waits for.
    List<String> digests =
        unknown.parallelStream().map(u -> hash(u.rel(), u.file().stamp().size())).toList();
    for (int i = 0; i < unknown.size(); i++) {
      ProjectWalker.File file = unknown.get(i).file();
      cache.remember(file.path(), file.stamp(), digests.get(i));
      entries.add(entry(file, digests.get(i)));
    }
    cache.save();
    return Snapshot.of(entries);
  }

  /** A file the digest cache does not know, and its place on disk. */
  private record Unhashed(ProjectWalker.File file, String rel) {}

  private static FileEntry entry(ProjectWalker.File file, String sha256) {
    return new FileEntry(file.path(), file.stamp().size(), file.mtimeMillis(), sha256);
  }

  /** Stats only these paths; digests come from the last snapshot's cache when unchanged. */
  @Override
  public Snapshot snapshot(Collection<String> paths) {
    DigestCache cache = lastCache != null ? lastCache : DigestCache.load(root.resolve(DIGESTS));
    List<FileEntry> entries = new ArrayList<>();
    for (String path : paths) {
      Path file = inside(path);
      BasicFileAttributes attributes;
      try {
        attributes =
            Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException gone) {
        continue;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
      }
      if (!attributes.isRegularFile()) {
        continue;
      }
      DigestCache.Stamp stamp = DigestCache.Stamp.of(attributes);
      String rel = root.relativize(file).toString();
      ProjectWalker.File seen =
          new ProjectWalker.File(path, stamp, attributes.lastModifiedTime().toMillis());
      String sha = cache.lookupFresh(path, stamp).orElseGet(() -> digest(rel, seen, cache));
      entries.add(new FileEntry(path, stamp.size(), seen.mtimeMillis(), sha));
    }
    return Snapshot.of(entries);
  }

  /** Two files whose names differ only by Unicode normalisation (macOS NFD, Linux NFC). */
  private static IllegalArgumentException sameNameTwice(String one, String other) {
    return new IllegalArgumentException(
        "'"
            + one
            + "' and '"
            + other
            + "' are the same name written in two Unicode forms (NFC and NFD); sync cannot carry"
            + " both: rename or remove one of them, then sync again (nothing was moved)");
  }

  /** Every path sync leaves out, with the rule or reason that leaves it out. */
  Map<String, String> leftOut() {
    Map<String, String> reasons = new java.util.TreeMap<>();
    new ProjectWalker(root, envFile).walk((file, rel) -> {}, reasons::put);
    return reasons;
  }

  /** How many bytes snapshots have read to compute digests, since this workspace was made. */
  long bytesHashed() {
    return bytesHashed.get();
  }

  @Override
  public boolean isLeftOut(String path) {
    return new ProjectWalker(root, envFile).leftOutBecause(RelativePath.check(path)).isPresent();
  }

  @Override
  public InputStream read(String path) {
    try {
      return Files.newInputStream(inside(path), LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void write(FileEntry entry, InputStream content) {
    Path target = inside(entry.path());
    Path temp =
        target.resolveSibling("." + target.getFileName() + PARTIAL_MARK + UUID.randomUUID());
    try {
      Files.createDirectories(target.getParent());
      inside(entry.path());
      MessageDigest digest = Sha256.newDigest();
      long size = 0;
      try (FileChannel channel =
              FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          OutputStream out = Channels.newOutputStream(channel)) {
        byte[] buffer = new byte[64 * 1024];
        for (int n = content.read(buffer); n >= 0; n = content.read(buffer)) {
          digest.update(buffer, 0, n);
          out.write(buffer, 0, n);
          size += n;
        }
        channel.force(true);
      }
      String sha = Sha256.hex(digest);
      if (size != entry.size() || !sha.equals(entry.sha256())) {
        throw new IllegalStateException(
            entry.path()
                + " arrived with "
                + size
                + " bytes and digest "
                + sha
                + " instead of "
                + entry.size()
                + " bytes and "
                + entry.sha256()
                + "; the local file was left as it was");
      }
      Files.setLastModifiedTime(temp, FileTime.fromMillis(entry.mtime()));
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + entry.path() + ": " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // Left out of snapshots by its name; the user may delete it.
      }
    }
  }

  @Override
  public void delete(String path) {
    try {
      Files.deleteIfExists(inside(path));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void keepConflictCopy(String path, String keptAt) {
    if (!keptAt.startsWith(SyncPlanner.CONFLICTS_FOLDER)) {
      throw new IllegalArgumentException(
          "conflict copies go under " + SyncPlanner.CONFLICTS_FOLDER);
    }
    Path source = inside(path);
    Path copy = root.resolve(RelativePath.check(keptAt)).normalize();
    try {
      if (Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectories(copy.getParent());
        Files.copy(
            source, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep a copy of " + path + ": " + e.getMessage(), e);
    }
  }

  private String digest(String rel, ProjectWalker.File file, DigestCache cache) {
    String sha = hash(rel, file.stamp().size());
    cache.remember(file.path(), file.stamp(), sha);
    return sha;
  }

  /**
   * The SHA-256 of the file at {@code rel}, its place on disk, through a buffer about as large as
   * the file was ({@code size}), 8 to 64 KiB: a tree of small files makes one per file.
   */
  private String hash(String rel, long size) {
    MessageDigest digest = Sha256.newDigest();
    try (InputStream in = Files.newInputStream(root.resolve(rel), LinkOption.NOFOLLOW_LINKS)) {
      byte[] buffer = new byte[Math.clamp(size, 8 * 1024, 64 * 1024)];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
        bytesHashed.addAndGet(n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + rel + ": " + e.getMessage(), e);
    }
    return Sha256.hex(digest);
  }

  /**
   * The file's place on disk, refusing any path that would leave the project: an unsafe path, or
   * one that passes through a symbolic link.
   */
  private Path inside(String path) {
    String rel = onDisk.getOrDefault(RelativePath.check(path), path);
    Path resolved = root.resolve(rel).normalize();
    for (Path p = resolved.getParent(); p != null && !p.equals(root); p = p.getParent()) {
      if (Files.isSymbolicLink(p)) {
        throw new IllegalArgumentException(
            path + " passes through the symbolic link " + root.relativize(p));
      }
    }
    if (!resolved.startsWith(root) || Files.isSymbolicLink(resolved)) {
      throw new IllegalArgumentException(path + " is not a file inside the project");
    }
    return resolved;
  }
}
