package dev.omega.testkit;

import dev.omega.core.port.ApiException;
import dev.omega.core.port.Clock;
import dev.omega.core.port.RemoteFiles;
import dev.omega.core.sync.FileEntry;
import dev.omega.core.sync.RelativePath;
import dev.omega.core.sync.Sha256;
import dev.omega.core.sync.Snapshot;
import dev.omega.core.sync.SyncPlan;
import dev.omega.core.sync.SyncPlanner;
import dev.omega.core.sync.SyncSession;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An agent's workspace or a task's cache in memory, planned with the core's {@link SyncPlanner}, as
 * the real platform does. Guarded by the {@link FakePlatform}'s lock.
 */
final class FakeRemoteFiles {
  private record Stored(byte[] content, long mtime) {}

  private final Clock clock;
  private final TreeMap<String, Stored> files = new TreeMap<>();
  private final Map<String, SyncPlan> sessions = new HashMap<>();
  private final Set<String> committed = new HashSet<>();
  private Snapshot agreed = Snapshot.empty();
  private int nextSession;

  FakeRemoteFiles(Clock clock) {
    this.clock = clock;
  }

  Snapshot snapshot() {
    List<FileEntry> entries = new ArrayList<>();
    files.forEach(
        (path, f) ->
            entries.add(new FileEntry(path, f.content.length, f.mtime, Sha256.hex(f.content))));
    return Snapshot.of(entries);
  }

  Map<String, byte[]> contents() {
    Map<String, byte[]> copy = new TreeMap<>();
    files.forEach((path, f) -> copy.put(path, f.content.clone()));
    return copy;
  }

  void put(String path, byte[] content) {
    files.put(RelativePath.check(path), new Stored(content.clone(), clock.now().toEpochMilli()));
  }

  Optional<String> agreedContent() {
    String digest = agreed.contentDigest();
    return snapshot().contentDigest().equals(digest) ? Optional.of(digest) : Optional.empty();
  }

  SyncSession plan(Snapshot local, Set<String> leftOut) {
    SyncPlan plan =
        SyncPlanner.plan(
            local.without(leftOut),
            snapshot().without(leftOut),
            agreed.without(leftOut),
            clock.now());
    String id = "sync-" + (++nextSession);
    if (!plan.settled()) {
      sessions.put(id, plan);
    }
    return new SyncSession(id, plan);
  }

  void upload(FileEntry entry, InputStream content) {
    byte[] bytes;
    try {
      bytes = content.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (bytes.length != entry.size() || !Sha256.hex(bytes).equals(entry.sha256())) {
      throw new ApiException(
          400, "digest-mismatch", entry.path() + " arrived with other bytes than announced; retry");
    }
    files.put(entry.path(), new Stored(bytes, entry.mtime()));
  }

  InputStream download(FileEntry entry) {
    Stored stored = files.get(entry.path());
    if (stored == null) {
      throw new ApiException(404, "not-found", "no file " + entry.path());
    }
    return new ByteArrayInputStream(stored.content);
  }

  void delete(String path) {
    files.remove(RelativePath.check(path));
  }

  void commit(String syncId) {
    if (committed.contains(syncId)) {
      return;
    }
    SyncPlan plan = sessions.get(syncId);
    if (plan == null) {
      throw new ApiException(404, "not-found", "no sync " + syncId + "; plan a new one");
    }
    Snapshot now = snapshot();
    for (FileEntry want : plan.upload()) {
      if (!want.sameContent(now.files().get(want.path()))) {
        throw new ApiException(409, "sync-incomplete", want.path() + " was not uploaded");
      }
    }
    for (String path : plan.deleteRemote()) {
      if (now.files().containsKey(path)) {
        throw new ApiException(409, "sync-incomplete", path + " was not deleted");
      }
    }
    agreed = plan.agreed();
    sessions.remove(syncId);
    committed.add(syncId);
  }

  RemoteFiles api(FakePlatform platform, String owner) {
    return new RemoteFiles() {
      @Override
      public Optional<String> agreedContent() {
        return platform.check(FakeRemoteFiles.this::agreedContent);
      }

      @Override
      public SyncSession plan(Snapshot local, Set<String> leftOut) {
        return platform.call(owner + ".sync", () -> FakeRemoteFiles.this.plan(local, leftOut));
      }

      @Override
      public void upload(FileEntry entry, InputStream content) {
        platform.call(
            owner + ".upload " + entry.path(),
            () -> {
              FakeRemoteFiles.this.upload(entry, content);
              return null;
            });
      }

      @Override
      public InputStream download(FileEntry entry) {
        return platform.call(
            owner + ".download " + entry.path(), () -> FakeRemoteFiles.this.download(entry));
      }

      @Override
      public void delete(String path) {
        platform.call(
            owner + ".delete " + path,
            () -> {
              FakeRemoteFiles.this.delete(path);
              return null;
            });
      }

      @Override
      public void commit(String syncId) {
        platform.call(
            owner + ".commit",
            () -> {
              FakeRemoteFiles.this.commit(syncId);
              return null;
            });
      }
    };
  }
}
