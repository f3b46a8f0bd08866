package dev.omega.server;

import dev.omega.core.sync.FileEntry;
import dev.omega.core.sync.RelativePath;
import dev.omega.core.sync.Sha256;
import dev.omega.core.sync.Snapshot;
import dev.omega.core.sync.SyncPlan;
import dev.omega.core.sync.SyncPlanner;
import dev.omega.core.sync.SyncSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The platform's side of a sync: an agent's workspace (or a task's cache) on disk, the snapshot
 * both sides last agreed on, and the plans handed out. Uploads are streamed to a staging folder
 * outside the tree and moved in only once their digest matches. This class is threadsafe.
 */
final class RemoteTree {
  private static final int MAX_NAME_BYTES = 255;
  private static final int MAX_PATH_BYTES = 4096;
  private static final int MAX_KEPT_PLANS = 64;

  private final Path root;
  private final Path staging;
  private final long quotaBytes;
  private final Set<String> skippedTopLevel;
  // Plans handed out and not committed yet, and the ids of the last commits (a commit retried
  // after a lost answer succeeds again). Only the most recent are kept: a client whose plan was
  // dropped gets a 404 at its commit and plans again.
  private final Map<String, SyncPlan> sessions = recent(MAX_KEPT_PLANS);
  private final Set<String> committed = Collections.newSetFromMap(recent(MAX_KEPT_PLANS));
  private final Consumer<Snapshot> onAgreed;
  private final TreeDigests digests = new TreeDigests(RemoteTree::digest);
  private Snapshot agreed;
  // Its content digest, which every no-change sync compares with; null until asked for.
  private String agreedContentDigest;
  // The bytes the tree holds: measured by each walk, kept up to date by uploads and deletes.
  private long used = -1;

  /**
   * @param skippedTopLevel names at the top of the tree that are never part of sync (storage links)
   * @param agreed the snapshot both sides last agreed on
   * @param onAgreed told each new agreed snapshot, to keep it across restarts
   */
  RemoteTree(
      Path root,
      Path staging,
      long quotaBytes,
      Set<String> skippedTopLevel,
      Snapshot agreed,
      Consumer<Snapshot> onAgreed) {
    this.root = root;
    this.staging = staging;
    this.quotaBytes = quotaBytes;
    this.skippedTopLevel = Set.copyOf(skippedTopLevel);
    this.agreed = agreed;
    this.onAgreed = onAgreed;
  }

  synchronized Snapshot snapshot() {
    List<FileEntry> entries = new ArrayList<>();
    walk(
        (path, file, attrs) ->
            entries.add(
                new FileEntry(
                    path,
                    attrs.size(),
                    attrs.lastModifiedTime().toMillis(),
                    digests.digest(path, file, attrs))));
    digests.retainOnly(entries.stream().map(FileEntry::path).collect(Collectors.toSet()));
    used = entries.stream().mapToLong(FileEntry::size).sum();
    return Snapshot.of(entries);
  }

  private interface Visitor {
    void visit(String path, Path file, BasicFileAttributes attrs) throws IOException;
  }

  /**
   * Every regular file sync sees, without following links: the walk's attributes are a link's own,
   * so a link is neither a regular file nor a folder to enter.
   */
  private void walk(Visitor visitor) {
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              return dir.equals(root) || !skipped(root.relativize(dir).toString())
                  ? FileVisitResult.CONTINUE
                  : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              if (attrs.isRegularFile()) {
                String path = root.relativize(file).toString();
                if (!skipped(path)) {
                  visitor.visit(path, file, attrs);
                }
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Copies every file of the tree, as {@link #snapshot} sees them, into {@code target}, all from
   * one state: no upload, delete or commit changes the tree meanwhile. Returns what was copied.
   */
  synchronized Snapshot copyTo(Path target) throws IOException {
    Snapshot copied = snapshot();
    for (FileEntry entry : copied.files().values()) {
      Path to = target.resolve(entry.path());
      Files.createDirectories(to.getParent());
      Files.copy(
          root.resolve(entry.path()),
          to,
          StandardCopyOption.COPY_ATTRIBUTES,
          StandardCopyOption.REPLACE_EXISTING);
    }
    return copied;
  }

  /** Plans with {@code leftOut} out of the picture on both sides, as the client asked. */
  synchronized SyncSession plan(Snapshot local, Set<String> leftOut, Instant now) {
    SyncPlan plan =
        SyncPlanner.plan(
            local.without(leftOut), snapshot().without(leftOut), agreed.without(leftOut), now);
    String id = UUID.randomUUID().toString();
    if (!plan.settled()) {
      sessions.put(id, plan);
    }
    return new SyncSession(id, plan);
  }

  /**
   * The content digest of the last agreed snapshot ({@link Snapshot#contentDigest}) while this tree
   * holds exactly that content; empty once it changed here. A client whose snapshot has the same
   * digest has nothing to sync.
   */
  synchronized Optional<String> agreedContent() {
    if (agreedContentDigest == null) {
      agreedContentDigest = agreed.contentDigest();
    }
    return snapshot().contentDigest().equals(agreedContentDigest)
        ? Optional.of(agreedContentDigest)
        : Optional.empty();
  }

  /**
   * Stores a file whose bytes must hash to {@code sha256}; the previous version stays otherwise.
   */
  void upload(String path, String sha256, long announcedSize, InputStream body) {
    store(path, sha256, announcedSize, OptionalLong.empty(), body);
  }

  /**
   * {@link #upload}, the stored file given modification time {@code mtimeMillis} when present (as
   * the client's file has it), so that its digest is remembered at once.
   */
  void store(
      String path, String sha256, long announcedSize, OptionalLong mtimeMillis, InputStream body) {
    // The bytes go to the staging folder first: the tree's folders are checked for links at the
    // move (under the lock, below), and before only when the quota needs the replaced file's size.
    Path target = locate(path);
    Room room = new Room(path, target);
    if (announcedSize >= 0) {
      room.check(announcedSize);
    }
    Path temp = staging.resolve(UUID.randomUUID().toString());
    boolean moved = false;
    try {
      MessageDigest digest = Sha256.newDigest();
      long size = 0;
      try (OutputStream out = newStagingFile(temp)) {
        byte[] buffer = new byte[bufferFor(announcedSize)];
        for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
          digest.update(buffer, 0, n);
          out.write(buffer, 0, n);
          size += n;
          room.check(size);
        }
      }
      String actual = Sha256.hex(digest);
      if (!actual.equals(sha256)) {
        throw ApiProblem.badRequest(
            path
                + " arrived with digest "
                + actual
                + ", not the announced "
                + sha256
                + "; nothing was changed, upload it again");
      }
      if (mtimeMillis.isPresent()) {
        setModified(temp, mtimeMillis.getAsLong());
      }
      synchronized (this) {
        // Checked again just before the move: a process of the agent may have made a link since,
        // and another upload may have taken the room (a sync sends two batches at once).
        refuseLinks(path, target);
        long overwritten = sizeOf(target);
        if (usedBytes() - overwritten + size > quotaBytes) {
          throw new ApiProblem(507, "disk-full", quotaMessage(path));
        }
        moveIn(path, temp, target);
        moved = true;
        digests.stored(path, target, actual);
        if (used >= 0) {
          used += size - overwritten;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (!moved) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // staging is emptied when the tree is dropped
        }
      }
    }
  }

  /**
   * The bytes an upload may still write: what the quota leaves, plus the size of the file it
   * replaces once the quota alone is short (read after its folders are found to be no links).
   */
  private final class Room {
    private final String path;
    private final Path target;
    private long bytes = quotaBytes - usedBytes();
    private boolean replacedCounted;

    Room(String path, Path target) {
      this.path = path;
      this.target = target;
    }

    /** Refuses an upload of {@code size} bytes that would take the tree past its quota. */
    void check(long size) {
      if (size > bytes && !replacedCounted) {
        refuseLinks(path, target);
        bytes += sizeOf(target);
        replacedCounted = true;
      }
      if (size > bytes) {
        throw new ApiProblem(507, "disk-full", quotaMessage(path));
      }
    }
  }

  /** A buffer as large as the file, up to 64 KiB: a batch of small files makes one per file. */
  private static int bufferFor(long announcedSize) {
    return announcedSize < 0 ? 64 * 1024 : Math.clamp(announcedSize, 1, 64 * 1024);
  }

  private OutputStream newStagingFile(Path temp) throws IOException {
    try {
      return Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW);
    } catch (NoSuchFileException noStagingYet) {
      Files.createDirectories(staging);
      return Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW);
    }
  }

  /** Moves a checked upload to its place, making the folders on the way when missing. */
  private void moveIn(String path, Path temp, Path target) throws IOException {
    try {
      replace(temp, target);
    } catch (NoSuchFileException noFolderYet) {
      Files.createDirectories(target.getParent());
      refuseLinks(path, target.getParent());
      replace(temp, target);
    }
  }

  private static void replace(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The file to download. */
  Path file(String path) {
    Path file = resolve(path);
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw ApiProblem.notFound("file " + path);
    }
    return file;
  }

  synchronized void delete(String path) {
    try {
      Path file = resolve(path);
      long size = Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? Files.size(file) : 0;
      if (Files.deleteIfExists(file) && used >= 0) {
        used -= size;
      }
      digests.forget(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Checks that the tree holds what the plan said it would, then records the plan's result. */
  synchronized void commit(String syncId) {
    if (committed.contains(syncId)) {
      return;
    }
    SyncPlan plan = sessions.get(syncId);
    if (plan == null) {
      throw ApiProblem.notFound("sync " + syncId + " (plan a new one)");
    }
    List<String> missing = new ArrayList<>();
    // Each folder is checked for links once: a commit only compares, so a folder that a process
    // makes a link meanwhile has the same effect as one made just after the commit (the next walk
    // finds the files behind it gone).
    Set<Path> noLinks = new HashSet<>();
    for (FileEntry want : plan.upload()) {
      if (!want.sameContent(current(want.path(), noLinks))) {
        missing.add(want.path());
      }
    }
    for (String path : plan.deleteRemote()) {
      if (current(path, noLinks) != null) {
        missing.add(path);
      }
    }
    if (!missing.isEmpty()) {
      throw ApiProblem.conflict(
          "sync-incomplete",
          "these files do not match the plan yet: "
              + missing
              + "; finish the sync or plan a new one");
    }
    if (!plan.agreed().equals(agreed)) {
      agreed = plan.agreed();
      agreedContentDigest = null;
      onAgreed.accept(agreed);
    }
    sessions.remove(syncId);
    committed.add(syncId);
  }

  /** Where a relative path lives, refusing anything that would leave the tree. */
  Path resolve(String path) {
    Path resolved = locate(path);
    refuseLinks(path, resolved);
    return resolved;
  }

  /**
   * Where a relative path lives, refusing a path that is not one sync takes or that leaves the tree
   * by its name; the folders on the way are not looked at ({@link #refuseLinks}).
   */
  private Path locate(String path) {
    try {
      RelativePath.check(path);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest("path: " + e.getMessage());
    }
    if (path.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
      throw ApiProblem.badRequest("path: longer than " + MAX_PATH_BYTES + " bytes");
    }
    for (String segment : path.split("/")) {
      if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
        throw ApiProblem.badRequest(
            "path: the name '" + segment + "' is longer than " + MAX_NAME_BYTES + " bytes");
      }
    }
    if (skipped(path)) {
      throw ApiProblem.badRequest(
          "path: " + topLevel(path) + "/ is a storage folder, never synced");
    }
    Path resolved = root.resolve(path).normalize();
    if (!resolved.startsWith(root)) {
      throw ApiProblem.badRequest("path: " + path + " leaves the workspace");
    }
    return resolved;
  }

  /** Refuses {@code path} when {@code from} or a folder above it in the tree is a link. */
  private void refuseLinks(String path, Path from) {
    refuseLinks(path, from, new HashSet<>());
  }

  /**
   * {@link #refuseLinks(String, Path)}, skipping the folders in {@code noLinks} (found to be none
   * earlier in the same call, as a commit checks every file of a plan) and adding those it checks.
   */
  private void refuseLinks(String path, Path from, Set<Path> noLinks) {
    if (Files.isSymbolicLink(from)) {
      throw throughLink(path, from);
    }
    List<Path> checked = new ArrayList<>();
    for (Path p = from.getParent();
        p != null && !p.equals(root) && !noLinks.contains(p);
        p = p.getParent()) {
      if (Files.isSymbolicLink(p)) {
        throw throughLink(path, p);
      }
      checked.add(p);
    }
    noLinks.addAll(checked);
  }

  private ApiProblem throughLink(String path, Path link) {
    return ApiProblem.badRequest(
        "path: "
            + path
            + " passes through the symbolic link "
            + root.relativize(link)
            + " of the workspace (a process made it); nothing was written: remove that link"
            + " there, or rename the local folder");
  }

  static void setModified(Path file, long mtime) throws IOException {
    // Both times given, so the file's attributes are not read first (setLastModifiedTime reads
    // them to keep the access time).
    Files.getFileAttributeView(file, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
        .setTimes(FileTime.fromMillis(mtime), FileTime.from(Instant.now()), null);
  }

  /** Whether {@code path} (relative) lies under a top-level name sync never touches. */
  private boolean skipped(String path) {
    return skippedTopLevel.contains(topLevel(path));
  }

  private static String topLevel(String path) {
    int slash = path.indexOf('/');
    return slash < 0 ? path : path.substring(0, slash);
  }

  /**
   * The file at {@code path} as a snapshot would see it now, or null; {@code noLinks} as {@link
   * #refuseLinks(String, Path, Set)} takes it.
   */
  private FileEntry current(String path, Set<Path> noLinks) {
    Path file = locate(path);
    refuseLinks(path, file, noLinks);
    try {
      BasicFileAttributes attrs =
          Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!attrs.isRegularFile() || skipped(path)) {
        return null;
      }
      return new FileEntry(
          path,
          attrs.size(),
          attrs.lastModifiedTime().toMillis(),
          digests.digest(path, file, attrs));
    } catch (NoSuchFileException gone) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The bytes the tree holds; a walk of sizes only (no file read) when not known yet. */
  private synchronized long usedBytes() {
    if (used < 0) {
      long[] total = new long[1];
      walk((path, file, attrs) -> total[0] += attrs.size());
      used = total[0];
    }
    return used;
  }

  private String quotaMessage(String path) {
    return path
        + " would take the workspace past its disk_size of "
        + (quotaBytes >> 30)
        + " GB; nothing was written. Delete files or choose a larger disk_size.";
  }

  /** A map that forgets its oldest entry past {@code limit} entries. */
  private static <V> Map<String, V> recent(int limit) {
    return new LinkedHashMap<>() {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > limit;
      }
    };
  }

  static String digest(Path file) throws IOException {
    MessageDigest digest = Sha256.newDigest();
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      byte[] buffer = new byte[64 * 1024];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    return Sha256.hex(digest);
  }

  private static long sizeOf(Path file) {
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return attributes.isRegularFile() ? attributes.size() : 0;
    } catch (IOException e) {
      return 0;
    }
  }
}
