package dev.omega.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SyncPlannerTest {
  private static final Instant NOW = Instant.parse("2024-03-05T07:08:09Z");
  private static final String CONFLICTS = ".omega/conflicts/20240305T070809Z/";

  private static FileEntry file(String path, String content) {
    return file(path, content, 1_000L);
  }

  private static FileEntry file(String path, String content, long mtime) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    return new FileEntry(path, bytes.length, mtime, Sha256.hex(bytes));
  }

  private static Snapshot snapshot(FileEntry... entries) {
    return Snapshot.of(List.of(entries));
  }

  private static SyncPlan plan(Snapshot local, Snapshot remote, Snapshot base) {
    return SyncPlanner.plan(local, remote, base, NOW);
  }

  @Test
  void newLocalFileIsUploaded() {
    // Given
    FileEntry created = file("src/a.txt", "hello");
    Snapshot base = Snapshot.empty();
    Snapshot local = snapshot(created);
    Snapshot remote = Snapshot.empty();

    // When
    SyncPlan plan = plan(local, remote, base);

    // Then
    assertThat(plan.upload()).containsExactly(created);
    assertThat(plan.download()).isEmpty();
    assertThat(plan.deleteLocal()).isEmpty();
    assertThat(plan.deleteRemote()).isEmpty();
    assertThat(plan.conflicts()).isEmpty();
    assertThat(plan.agreed().sameContentAs(local)).isTrue();
  }

  @Test
  void newRemoteFileIsDownloaded() {
    // Given
    FileEntry created = file("src/a.txt", "hello");
    Snapshot base = Snapshot.empty();
    Snapshot local = Snapshot.empty();
    Snapshot remote = snapshot(created);

    // When
    SyncPlan plan = plan(local, remote, base);

    // Then
    assertThat(plan.download()).containsExactly(created);
    assertThat(plan.upload()).isEmpty();
    assertThat(plan.deleteLocal()).isEmpty();
    assertThat(plan.deleteRemote()).isEmpty();
    assertThat(plan.conflicts()).isEmpty();
    assertThat(plan.agreed().sameContentAs(remote)).isTrue();
  }

  @Test
  void fileChangedLocallyIsUploaded() {
    // Given
    FileEntry original = file("a.txt", "v1");
    FileEntry edited = file("a.txt", "v2", 2_000L);
    Snapshot base = snapshot(original);
    Snapshot local = snapshot(edited);
    Snapshot remote = snapshot(original);

    // When
    SyncPlan plan = plan(local, remote, base);

    // Then
    assertThat(plan.upload()).containsExactly(edited);
    assertThat(plan.download()).isEmpty();
    assertThat(plan.deleteLocal()).isEmpty();
    assertThat(plan.deleteRemote()).isEmpty();
    assertThat(plan.conflicts()).isEmpty();
    assertThat(plan.agreed().sameContentAs(local)).isTrue();
  }

  @Test
  void fileChangedRemotelyIsDownloaded() {
    // Given
    FileEntry original = file("a.txt", "v1");
    FileEntry edited = file("a.txt", "v2", 2_000L);
    Snapshot base = snapshot(original);
    Snapshot local = snapshot(original);
    Snapshot remote = snapshot(edited);

    // When
    SyncPlan plan = plan(local, remote, base);

    // Then
    assertThat(plan.download()).containsExactly(edited);
    assertThat(plan.upload()).isEmpty();
    assertThat(plan.deleteLocal()).isEmpty();
    assertThat(plan.deleteRemote()).isEmpty();
    assertThat(plan.conflicts()).isEmpty();
    assertThat(plan.agreed().sameContentAs(remote)).isTrue();
  }

  @Test
  void fileDeletedLocallyAndUnchangedRemotelyIsDeletedRemotely() {
    // Given
    FileEntry original = file("a.txt", "v1");
    FileEntry kept = file("b.txt", "keep");
    Snapshot base = snapshot(original, kept);
    Snapshot local = snapshot(kept);
    Snapshot remote = snapshot(original, kept);

    // When
    SyncPlan plan = plan(local, remote, base);

    // Then
    assertThat(plan.deleteRemote()).containsExactly("a.txt");
    assertThat(plan.upload()).isEmpty();
    assertThat(plan.download()).isEmpty();
    assertThat(plan.deleteLocal()).isEmpty();
    assertThat(plan.conflicts()).isEmpty();
    assertThat(plan.agreed().paths()).containsExactly("b.txt");
  }

  @Test
  void fileDeletedRemotelyAndUnchangedLocallyIsDeletedLocally() {
    // Given
    FileEntry original = file("a.txt", "v1");
    FileEntry kept = file("b.txt", "keep");
    Snapshot base = snapshot(original, kept);
    Snapshot local = snapshot(original, kept);
    Snapshot remote = snapshot(kept);

    // When
    SyncPlan plan = plan(local, remote, base);

    // Then
    assertThat(plan.deleteLocal()).containsExactly("a.txt");
    assertThat(plan.upload()).isEmpty();
    assertThat(plan.download()).isEmpty();
    assertThat(plan.deleteRemote()).isEmpty();
    assertThat(plan.conflicts()).isEmpty();
    assertThat(plan.agreed().paths()).containsExactly("b.txt");
  }

  @Test
  void bothChangedDifferentlyDownloadsRemoteAndKeepsLocalAsConflictCopy() {
    // Given
    FileEntry original = file("dir/a.txt", "v1");
    FileEntry localEdit = file("dir/a.txt", "local");
    FileEntry remoteEdit = file("dir/a.txt", "remote");
    Snapshot base = snapshot(original);
    Snapshot local = snapshot(localEdit);
    Snapshot remote = snapshot(remoteEdit);

    // When
    SyncPlan plan = plan(local, remote, base);

    // Then
    assertThat(plan.download()).containsExactly(remoteEdit);
    assertThat(plan.upload()).isEmpty();
    assertThat(plan.deleteLocal()).isEmpty();
    assertThat(plan.deleteRemote()).isEmpty();
    assertThat(plan.conflicts())
        .containsExactly(new Conflict("dir/a.txt", Optional.of(CONFLICTS + "dir/a.txt")));
    assertThat(plan.agreed().sameContentAs(remote)).isTrue();
  }

  @Test
  void bothChangedIdenticallyMovesNothing() {
    // Given
    FileEntry original = file("a.txt", "v1");
    Snapshot base = snapshot(original);
    Snapshot local = snapshot(file("a.txt", "same edit", 2_000L));
    Snapshot remote = snapshot(file("a.txt", "same edit", 3_000L));

    // When
    SyncPlan plan = plan(local, remote, base);

    // Then
    assertThat(plan.isEmpty()).isTrue();
    assertThat(plan.conflicts()).isEmpty();
    assertThat(plan.agreed().sameContentAs(remote)).isTrue();
    assertThat(plan.settled()).as("the same edit on both sides is a new agreement").isFalse();
  }

  @Test
  void localDeletedAndRemoteChangedDownloadsRemoteWithConflictWithoutCopy() {
    // Given
    FileEntry original = file("a.txt", "v1");
    FileEntry remoteEdit = file("a.txt", "v2");
    Snapshot base = snapshot(original);
    Snapshot local = Snapshot.empty();
    Snapshot remote = snapshot(remoteEdit);

    // When
    SyncPlan plan = plan(local, remote, base);

    // Then
    assertThat(plan.download()).containsExactly(remoteEdit);
    assertThat(plan.upload()).isEmpty();
    assertThat(plan.deleteLocal()).isEmpty();
    assertThat(plan.deleteRemote()).isEmpty();
    assertThat(plan.conflicts()).containsExactly(new Conflict("a.txt", Optional.empty()));
    assertThat(plan.agreed().sameContentAs(remote)).isTrue();
  }

  @Test
  void localChangedAndRemoteDeletedDeletesLocallyAfterKeepingConflictCopy() {
    // Given
    FileEntry original = file("a.txt", "v1");
    FileEntry localEdit = file("a.txt", "v2");
    Snapshot base = snapshot(original);
    Snapshot local = snapshot(localEdit);
    Snapshot remote = Snapshot.empty();

    // When
    SyncPlan plan = plan(local, remote, base);

    // Then
    assertThat(plan.deleteLocal()).containsExactly("a.txt");
    assertThat(plan.upload()).isEmpty();
    assertThat(plan.download()).isEmpty();
    assertThat(plan.deleteRemote()).isEmpty();
    assertThat(plan.conflicts())
        .containsExactly(new Conflict("a.txt", Optional.of(CONFLICTS + "a.txt")));
    assertThat(plan.agreed().size()).isZero();
  }

  @Test
  void firstSyncWithSameContentOnBothSidesMovesNothingButAgreesOnIt() {
    // Given
    Snapshot base = Snapshot.empty();
    Snapshot local = snapshot(file("a.txt", "same", 1_000L));
    Snapshot remote = snapshot(file("a.txt", "same", 5_000L));

    // When
    SyncPlan plan = plan(local, remote, base);

    // Then
    assertThat(plan.isEmpty()).isTrue();
    assertThat(plan.conflicts()).isEmpty();
    assertThat(plan.agreed().paths()).containsExactly("a.txt");
    assertThat(plan.agreed().sameContentAs(local)).isTrue();
    assertThat(plan.settled()).isFalse();
  }

  @Test
  void firstSyncWithDifferentContentsLetsRemoteWinWithConflict() {
    // Given
    FileEntry localVersion = file("a.txt", "local");
    FileEntry remoteVersion = file("a.txt", "remote");
    Snapshot base = Snapshot.empty();
    Snapshot local = snapshot(localVersion);
    Snapshot remote = snapshot(remoteVersion);

    // When
    SyncPlan plan = plan(local, remote, base);

    // Then
    assertThat(plan.download()).containsExactly(remoteVersion);
    assertThat(plan.upload()).isEmpty();
    assertThat(plan.deleteLocal()).isEmpty();
    assertThat(plan.deleteRemote()).isEmpty();
    assertThat(plan.conflicts())
        .containsExactly(new Conflict("a.txt", Optional.of(CONFLICTS + "a.txt")));
    assertThat(plan.agreed().sameContentAs(remote)).isTrue();
  }

  @Test
  void modificationTimeOnlyDifferencesMoveNothing() {
    // Given
    Snapshot base = snapshot(file("a.txt", "v1", 1_000L), file("b.txt", "v2", 1_000L));
    Snapshot local = snapshot(file("a.txt", "v1", 2_000L), file("b.txt", "v2", 1_000L));
    Snapshot remote = snapshot(file("a.txt", "v1", 1_000L), file("b.txt", "v2", 3_000L));

    // When
    SyncPlan plan = plan(local, remote, base);

    // Then
    assertThat(plan.isEmpty()).isTrue();
    assertThat(plan.actionCount()).isZero();
    assertThat(plan.conflicts()).isEmpty();
    assertThat(plan.agreed().sameContentAs(base)).isTrue();
    assertThat(plan.settled()).as("nothing to move, nothing new to agree on").isTrue();
  }

  @Test
  void aPlanThatMovesFilesIsNeverSettled() {
    Snapshot base = snapshot(file("a.txt", "v1"));
    Snapshot local = snapshot(file("a.txt", "v2"));

    SyncPlan plan = plan(local, base, base);

    assertThat(plan.upload()).hasSize(1);
    assertThat(plan.settled()).isFalse();
  }

  @Test
  void conflictFolderIsNamedAfterNowInUtc() {
    // Given
    Instant now = Instant.parse("1999-12-31T23:59:58.750Z");
    Snapshot base = snapshot(file("x/y.txt", "v1"));
    Snapshot local = snapshot(file("x/y.txt", "local"));
    Snapshot remote = snapshot(file("x/y.txt", "remote"));

    // When
    SyncPlan plan = SyncPlanner.plan(local, remote, base, now);

    // Then
    assertThat(plan.conflicts())
        .containsExactly(
            new Conflict("x/y.txt", Optional.of(".omega/conflicts/19991231T235958Z/x/y.txt")));
  }
}
