package dev.omega.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omega.core.sync.FileEntry;
import dev.omega.core.sync.Sha256;
import dev.omega.core.sync.Snapshot;
import dev.omega.core.sync.SyncSession;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemoteTreeTest {
  @TempDir Path dir;

  private RemoteTree tree() throws Exception {
    Path root = Files.createDirectories(dir.resolve("workspace"));
    Files.writeString(root.resolve("out.csv"), "1,2\n");
    return new RemoteTree(
        root, dir.resolve("staging"), 1L << 30, Set.of(), Snapshot.empty(), agreed -> {});
  }

  @Test
  void plansNeverCommittedAreForgottenOldestFirstAndTheirCommitAsksForANewPlan() throws Exception {
    // Given: many clients planned and went away without committing
    RemoteTree tree = tree();
    List<SyncSession> sessions = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      sessions.add(tree.plan(Snapshot.empty(), Set.of(), Instant.now()));
    }
    // When / Then: the oldest is gone, the newest still commits
    assertThatThrownBy(() -> tree.commit(sessions.get(0).syncId()))
        .isInstanceOfSatisfying(ApiProblem.class, e -> assertThat(e.status).isEqualTo(404));
    tree.commit(sessions.get(99).syncId());
    tree.commit(sessions.get(99).syncId());
  }

  @Test
  void aSettledPlanIsNotKept() throws Exception {
    RemoteTree tree = tree();
    Snapshot both = tree.snapshot();
    tree.commit(tree.plan(both, Set.of(), Instant.now()).syncId());

    SyncSession settled = tree.plan(both, Set.of(), Instant.now());

    assertThat(settled.plan().settled()).isTrue();
    assertThatThrownBy(() -> tree.commit(settled.syncId())).isInstanceOf(ApiProblem.class);
  }

  @Test
  void anUploadMakesTheFoldersOnItsWayKeepsTheClientsTimeAndLeavesNothingStaged() throws Exception {
    // Given
    RemoteTree tree = tree();
    byte[] bytes = "hello".getBytes(StandardCharsets.UTF_8);

    // When
    tree.store("a/b/c.txt", Sha256.hex(bytes), 5, OptionalLong.of(1_600_000_000_000L), in(bytes));

    // Then
    Path stored = dir.resolve("workspace/a/b/c.txt");
    assertThat(stored).hasContent("hello");
    assertThat(Files.getLastModifiedTime(stored).toMillis()).isEqualTo(1_600_000_000_000L);
    assertThat(stagedFiles()).isEmpty();
  }

  @Test
  void theStagingFolderIsMadeAgainWhenItWasRemoved() throws Exception {
    // Given
    RemoteTree tree = tree();
    byte[] bytes = "x".getBytes(StandardCharsets.UTF_8);
    tree.store("one", Sha256.hex(bytes), 1, OptionalLong.empty(), in(bytes));
    Files.delete(dir.resolve("staging"));

    // When
    tree.store("two", Sha256.hex(bytes), 1, OptionalLong.empty(), in(bytes));

    // Then
    assertThat(dir.resolve("workspace/two")).hasContent("x");
  }

  @Test
  void aFolderMadeALinkWhileTheBytesArriveIsRefusedAtTheMoveAndNothingLandsOutside()
      throws Exception {
    // Given
    RemoteTree tree = tree();
    Files.createDirectories(dir.resolve("workspace/data"));
    Path outside = Files.createDirectories(dir.resolve("outside"));
    byte[] bytes = "secret".getBytes(StandardCharsets.UTF_8);
    // A process of the agent swaps the folder for a link once the upload's bytes are in.
    InputStream body =
        new ByteArrayInputStream(bytes) {
          @Override
          public int read(byte[] b, int off, int len) {
            int n = super.read(b, off, len);
            if (n < 0) {
              try {
                Files.delete(dir.resolve("workspace/data"));
                Files.createSymbolicLink(dir.resolve("workspace/data"), outside);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }
            return n;
          }
        };

    // When / Then
    assertThatThrownBy(() -> tree.store("data/x", Sha256.hex(bytes), 6, OptionalLong.empty(), body))
        .isInstanceOfSatisfying(ApiProblem.class, e -> assertThat(e.status).isEqualTo(400))
        .hasMessageContaining("symbolic link data");
    assertThat(outside).isEmptyDirectory();
    assertThat(stagedFiles()).isEmpty();
  }

  @Test
  void aCommitWhosePlannedFilesAProcessMovedBehindALinkIsRefused() throws Exception {
    // Given: files planned and stored in two folders
    RemoteTree tree = tree();
    byte[] one = "one".getBytes(StandardCharsets.UTF_8);
    byte[] two = "two".getBytes(StandardCharsets.UTF_8);
    long mtime = 1_600_000_000_000L;
    Snapshot local =
        Snapshot.of(
            List.of(
                new FileEntry("out.csv", 4, mtime, Sha256.hex("1,2\n".getBytes())),
                new FileEntry("data/one", 3, mtime, Sha256.hex(one)),
                new FileEntry("models/two", 3, mtime, Sha256.hex(two))));
    SyncSession session = tree.plan(local, Set.of(), Instant.now());
    assertThat(session.plan().upload())
        .extracting(FileEntry::path)
        .contains("data/one", "models/two");
    tree.store("data/one", Sha256.hex(one), 3, OptionalLong.of(mtime), in(one));
    tree.store("models/two", Sha256.hex(two), 3, OptionalLong.of(mtime), in(two));
    // A process of the agent moves the second folder away and leaves a link to it in its place.
    Path moved = Files.move(dir.resolve("workspace/models"), dir.resolve("moved"));
    Files.createSymbolicLink(dir.resolve("workspace/models"), moved);

    // When / Then: the file behind the link is not taken for the tree's, though the folder
    // checked before it was fine
    assertThatThrownBy(() -> tree.commit(session.syncId()))
        .isInstanceOfSatisfying(ApiProblem.class, e -> assertThat(e.status).isEqualTo(400))
        .hasMessageContaining("symbolic link models");
  }

  @Test
  void twoUploadsAtOnceThatOnlyFitOneAtATimeStoreOneAndRefuseTheOther() throws Exception {
    // Given: 4 bytes stored, a quota of 10, and two uploads of 4 bytes, each held at its end
    // until the other has all its bytes too (both found room before either moved in)
    Path root = Files.createDirectories(dir.resolve("workspace"));
    Files.writeString(root.resolve("out.csv"), "1,2\n");
    RemoteTree tree =
        new RemoteTree(root, dir.resolve("staging"), 10, Set.of(), Snapshot.empty(), a -> {});
    byte[] bytes = "four".getBytes(StandardCharsets.UTF_8);
    CyclicBarrier bothIn = new CyclicBarrier(2);
    List<Callable<Integer>> uploads = new ArrayList<>();
    for (String path : List.of("a.txt", "b.txt")) {
      uploads.add(
          () -> {
            try {
              tree.store(
                  path, Sha256.hex(bytes), 4, OptionalLong.empty(), heldAtEnd(bytes, bothIn));
              return 204;
            } catch (ApiProblem e) {
              return e.status;
            }
          });
    }

    // When
    List<Integer> answers = new ArrayList<>();
    try (ExecutorService both = Executors.newFixedThreadPool(2)) {
      for (Future<Integer> answer : both.invokeAll(uploads)) {
        answers.add(answer.get());
      }
    }

    // Then
    assertThat(answers).containsExactlyInAnyOrder(204, 507);
    try (var files = Files.list(root)) {
      assertThat(files.map(f -> f.getFileName().toString())).hasSize(2).contains("out.csv");
    }
    assertThat(stagedFiles()).isEmpty();
  }

  /** {@code bytes}, whose end waits at {@code barrier}. */
  private static InputStream heldAtEnd(byte[] bytes, CyclicBarrier barrier) {
    return new ByteArrayInputStream(bytes) {
      @Override
      public int read(byte[] b, int off, int len) {
        int n = super.read(b, off, len);
        if (n < 0) {
          try {
            barrier.await(10, TimeUnit.SECONDS);
          } catch (Exception e) {
            throw new IllegalStateException("the other upload did not arrive", e);
          }
        }
        return n;
      }
    };
  }

  @Test
  void anUploadWhoseBytesDoNotMatchItsDigestChangesNothingAndLeavesNothingStaged()
      throws Exception {
    // Given
    RemoteTree tree = tree();
    byte[] bytes = "other".getBytes(StandardCharsets.UTF_8);

    // When / Then
    assertThatThrownBy(
            () ->
                tree.store("out.csv", Sha256.hex(new byte[0]), 5, OptionalLong.empty(), in(bytes)))
        .isInstanceOfSatisfying(ApiProblem.class, e -> assertThat(e.status).isEqualTo(400));
    assertThat(dir.resolve("workspace/out.csv")).hasContent("1,2\n");
    assertThat(stagedFiles()).isEmpty();
  }

  private static InputStream in(byte[] bytes) {
    return new ByteArrayInputStream(bytes);
  }

  private List<Path> stagedFiles() throws IOException {
    Path staging = dir.resolve("staging");
    if (!Files.isDirectory(staging, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    try (var files = Files.list(staging)) {
      return files.toList();
    }
  }

  @Test
  void anUploadOntoALinkAProcessMadeIsRefusedAndTheLinkStays() throws Exception {
    // Given: a process of the agent made out.csv a link to a file outside
    RemoteTree tree = tree();
    Path outside = Files.writeString(dir.resolve("outside.csv"), "theirs");
    Path link = dir.resolve("workspace/out.csv");
    Files.delete(link);
    Files.createSymbolicLink(link, outside);
    byte[] bytes = "mine".getBytes(StandardCharsets.UTF_8);

    // When / Then
    assertThatThrownBy(
            () -> tree.store("out.csv", Sha256.hex(bytes), 4, OptionalLong.empty(), in(bytes)))
        .isInstanceOfSatisfying(ApiProblem.class, e -> assertThat(e.status).isEqualTo(400))
        .hasMessageContaining("symbolic link out.csv");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(outside).hasContent("theirs");
  }

  @Test
  void theNoChangeCheckAnswersForTheLastAgreedContentOnly() throws Exception {
    // Given: both sides agreed on the tree, then a sync brought a new file and was committed
    RemoteTree tree = tree();
    Snapshot first = tree.snapshot();
    tree.commit(tree.plan(first, Set.of(), Instant.now()).syncId());
    assertThat(tree.agreedContent()).contains(first.contentDigest());
    byte[] bytes = "new".getBytes(StandardCharsets.UTF_8);
    FileEntry added = new FileEntry("new.txt", 3, 1_000, Sha256.hex(bytes));
    Snapshot local = Snapshot.of(List.of(first.get("out.csv").orElseThrow(), added));
    SyncSession sync = tree.plan(local, Set.of(), Instant.now());
    tree.store("new.txt", added.sha256(), 3, OptionalLong.of(1_000), in(bytes));
    tree.commit(sync.syncId());

    // When
    var agreed = tree.agreedContent();

    // Then
    assertThat(agreed).contains(local.contentDigest());
  }

  @Test
  void linksAProcessMadeToAFileOrAFolderAreNotInTheSnapshot() throws Exception {
    // Given: links in the tree to a file and to a folder outside it
    RemoteTree tree = tree();
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "secret");
    Files.createSymbolicLink(dir.resolve("workspace/leak.txt"), outside.resolve("secret.txt"));
    Files.createSymbolicLink(dir.resolve("workspace/leaks"), outside);
    // When
    Snapshot snapshot = tree.snapshot();
    // Then
    assertThat(snapshot.paths()).containsExactly("out.csv");
  }

  @Test
  void noAgreedContentIsAnsweredOnceTheTreeChangedSince() throws Exception {
    // Given
    RemoteTree tree = tree();
    Snapshot first = tree.snapshot();
    tree.commit(tree.plan(first, Set.of(), Instant.now()).syncId());
    // When: a process of the agent writes a file
    Files.writeString(dir.resolve("workspace/result.txt"), "42");
    // Then
    assertThat(tree.agreedContent()).isEmpty();
  }
}
