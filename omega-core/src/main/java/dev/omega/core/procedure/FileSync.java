package dev.omega.core.procedure;

import dev.omega.core.port.ApiException;
import dev.omega.core.port.ConsoleEvent.ConflictKept;
import dev.omega.core.port.ConsoleEvent.FileSynced;
import dev.omega.core.port.ConsoleEvent.SyncDirection;
import dev.omega.core.port.ConsoleEvent.TransferPlanned;
import dev.omega.core.port.Ports;
import dev.omega.core.port.RemoteFiles;
import dev.omega.core.port.Workspace;
import dev.omega.core.sync.Conflict;
import dev.omega.core.sync.FileEntry;
import dev.omega.core.sync.Snapshot;
import dev.omega.core.sync.SyncPlan;
import dev.omega.core.sync.SyncSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * The steps shared by SYNC_AGENT and SYNC_TASK (spec 4.3.5): snapshot the project, ask the remote
 * side for a plan (none when both sides still hold what they last agreed on), move the files (small
 * ones in batches, each batch or file retried on its own), verify, commit. Interrupted anywhere, a
 * new sync plans only what is still different.
 */
final class FileSync {
  /** How many times one sync plans afresh after the platform forgot its plan. */
  private static final int MAX_PLANS = 3;

  /** Upload batches sent at once. */
  private static final int IN_FLIGHT = 2;

  private final Ports ports;
  private final Retrier retrier;

  FileSync(Ports ports, Retrier retrier) {
    this.ports = ports;
    this.retrier = retrier;
  }

  /** What a sync would do now, without moving or committing anything ({@code sync --dry-run}). */
  SyncPlan preview(RemoteFiles remote) throws InterruptedException {
    return plan(remote, snapshotAgainst(remote)).plan();
  }

  SyncReport sync(RemoteFiles remote) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        return syncOnce(remote);
      } catch (ApiException e) {
        // 404 at the commit: the platform forgot the plan (it restarted meanwhile). What moved
        // stays moved; a new plan moves what is still different and commits that.
        if (e.status() != 404 || attempt == MAX_PLANS) {
          throw e;
        }
      }
    }
  }

  private SyncReport syncOnce(RemoteFiles remote) throws InterruptedException {
    Workspace workspace = ports.workspace();
    SyncSession agreedOn = plan(remote, snapshotAgainst(remote));
    SyncPlan plan = agreedOn.plan();
    if (plan.settled()) {
      return SyncReport.of(plan);
    }
    // Keep every local loser before anything replaces it.
    for (Conflict conflict : plan.conflicts()) {
      if (conflict.keptAt().isPresent()) {
        workspace.keepConflictCopy(conflict.path(), conflict.keptAt().get());
        ports.console().show(new ConflictKept(conflict.path(), conflict.keptAt().get()));
      }
    }
    int files =
        plan.upload().size()
            + plan.download().size()
            + plan.deleteRemote().size()
            + plan.deleteLocal().size();
    if (files > 0) {
      long bytes =
          plan.upload().stream().mapToLong(FileEntry::size).sum()
              + plan.download().stream().mapToLong(FileEntry::size).sum();
      ports.console().show(new TransferPlanned(files, bytes));
    }
    upload(remote, plan.upload());
    for (FileEntry entry : plan.download()) {
      retrier.run("download " + entry.path(), () -> download(remote, entry));
      ports.console().show(new FileSynced(SyncDirection.DOWNLOAD, entry.path(), entry.size()));
    }
    for (String path : plan.deleteRemote()) {
      retrier.run("delete " + path, () -> remote.delete(path));
      ports.console().show(new FileSynced(SyncDirection.DELETE_REMOTE, path, 0));
    }
    for (String path : plan.deleteLocal()) {
      workspace.delete(path);
      ports.console().show(new FileSynced(SyncDirection.DELETE_LOCAL, path, 0));
    }
    verify(plan, workspace.snapshot(touched(plan)));
    retrier.run("commit the sync", () -> remote.commit(agreedOn.syncId()));
    return SyncReport.of(plan);
  }

  /**
   * Sends the batches {@link #IN_FLIGHT} at a time, each retried on its own: while the platform
   * hashes and writes one, this side reads and sends the next. The first batch to fail for good
   * stops the other (interrupted, waited for) and is the sync's failure; no batch starts after it.
   */
  private void upload(RemoteFiles remote, List<FileEntry> uploads) throws InterruptedException {
    List<List<FileEntry>> batches = UploadBatches.of(uploads);
    if (batches.size() < 2) {
      for (List<FileEntry> batch : batches) {
        send(remote, batch);
      }
      return;
    }
    ThreadFactory named = Thread.ofPlatform().name("omega-upload-", 1).factory();
    try (ExecutorService senders = Executors.newFixedThreadPool(IN_FLIGHT, named)) {
      CompletionService<Void> sent = new ExecutorCompletionService<>(senders);
      int started = 0;
      try {
        for (int done = 0; done < batches.size(); done++) {
          while (started < batches.size() && started - done < IN_FLIGHT) {
            List<FileEntry> batch = batches.get(started++);
            sent.submit(
                () -> {
                  send(remote, batch);
                  return null;
                });
          }
          sent.take().get();
        }
      } catch (ExecutionException e) {
        senders.shutdownNow();
        switch (e.getCause()) {
          case RuntimeException unchecked -> throw unchecked;
          case Error error -> throw error;
          case InterruptedException interrupted -> throw interrupted;
          default -> throw new IllegalStateException(e.getCause());
        }
      } catch (InterruptedException e) {
        senders.shutdownNow();
        throw e;
      }
    }
  }

  private void send(RemoteFiles remote, List<FileEntry> batch) throws InterruptedException {
    Workspace workspace = ports.workspace();
    retrier.run(
        describe(batch), () -> remote.uploadAll(batch, entry -> workspace.read(entry.path())));
    for (FileEntry entry : batch) {
      ports.console().show(new FileSynced(SyncDirection.UPLOAD, entry.path(), entry.size()));
    }
  }

  private static String describe(List<FileEntry> batch) {
    return batch.size() == 1
        ? "upload " + batch.get(0).path()
        : "upload " + batch.size() + " files from " + batch.get(0).path();
  }

  /**
   * The project's snapshot, and what the other side last agreed on if it still holds it: asked for
   * while the project is walked, since both take about as long. (So the other side's answer may be
   * as old as the walk: a change there meanwhile is the next sync's, as one just after a sync is.)
   */
  private Local snapshotAgainst(RemoteFiles remote) throws InterruptedException {
    CompletableFuture<Optional<String>> agreed =
        CompletableFuture.supplyAsync(remote::agreedContent, Thread.ofVirtual()::start);
    Snapshot snapshot = ports.workspace().snapshot();
    try {
      return new Local(snapshot, agreed.get());
    } catch (ExecutionException e) {
      // Only the shortcut is lost: the plan's request reports what is wrong, if anything still is.
      return new Local(snapshot, Optional.empty());
    }
  }

  /** The project's snapshot and the digest of the other side's agreed content, if it holds it. */
  private record Local(Snapshot snapshot, Optional<String> remoteAgreed) {
    /** Both sides still hold what they last agreed on: nothing to move, nothing to commit. */
    boolean settled() {
      return remoteAgreed.isPresent() && remoteAgreed.get().equals(snapshot.contentDigest());
    }
  }

  /**
   * The plan for this snapshot: none to ask for when both sides hold what they last agreed on. What
   * the other side would write or delete here but the project leaves out (ignored, the env file) is
   * left out of the sync on both sides: planned again without it.
   */
  private SyncSession plan(RemoteFiles remote, Local project) throws InterruptedException {
    Snapshot local = project.snapshot();
    if (project.settled()) {
      return SyncSession.settled(local);
    }
    SyncSession session = retrier.call("plan the sync", () -> remote.plan(local));
    Set<String> leftOut = new TreeSet<>();
    session.plan().download().forEach(e -> leftOut.add(e.path()));
    leftOut.addAll(session.plan().deleteLocal());
    leftOut.removeIf(path -> !ports.workspace().isLeftOut(path));
    if (leftOut.isEmpty()) {
      return session;
    }
    return retrier.call("plan the sync", () -> remote.plan(local, leftOut));
  }

  private void download(RemoteFiles remote, FileEntry entry) {
    try (InputStream content = remote.download(entry)) {
      ports.workspace().write(entry, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The paths a plan moves to or from this side, or deletes here. */
  private static List<String> touched(SyncPlan plan) {
    List<String> touched = new ArrayList<>();
    plan.upload().forEach(e -> touched.add(e.path()));
    plan.download().forEach(e -> touched.add(e.path()));
    touched.addAll(plan.deleteLocal());
    return touched;
  }

  /** Every path the plan touched must now hold the agreed content on this side. */
  private static void verify(SyncPlan plan, Snapshot after) {
    List<String> different = new ArrayList<>();
    for (String path : touched(plan)) {
      Optional<FileEntry> want = plan.agreed().get(path);
      Optional<FileEntry> have = after.get(path);
      boolean same =
          want.isEmpty() ? have.isEmpty() : have.isPresent() && have.get().sameContent(want.get());
      if (!same) {
        different.add(path);
      }
    }
    if (!different.isEmpty()) {
      throw new ProcedureFailedException(
          "these files changed while they were being synced: "
              + different
              + ". Run the command again to sync them as they are now.");
    }
  }
}
