package dev.omega.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SnapshotTest {
  private static FileEntry file(String path) {
    return new FileEntry(path, 1, 0, "0123456789abcdef".repeat(4));
  }

  @Test
  void entriesAreKeptInPathOrderWhateverTheMapTheyCameIn() {
    // Given
    Map<String, FileEntry> unordered = new HashMap<>();
    for (String path : List.of("b", "a/z", "c", "a/b")) {
      unordered.put(path, file(path));
    }

    // When
    Snapshot snapshot = new Snapshot(unordered);

    // Then
    assertThat(snapshot.paths()).containsExactly("a/b", "a/z", "b", "c");
    assertThat(new Snapshot(snapshot.files())).isEqualTo(snapshot);
  }

  @Test
  void anEntryFiledUnderAnotherPathIsRefused() {
    assertThatThrownBy(() -> new Snapshot(Map.of("a", file("b"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("entry for a names b");
  }

  @Test
  void twoEntriesForOnePathAreRefused() {
    assertThatThrownBy(() -> Snapshot.of(List.of(file("a"), file("a"))))
        .hasMessageContaining("two entries for a");
  }

  @Test
  void withoutLeavesOutThePathsAndKeepsTheRest() {
    // Given
    Snapshot snapshot = Snapshot.of(List.of(file("a"), file("b"), file("c")));

    // When / Then
    assertThat(snapshot.without(Set.of("b")).paths()).containsExactly("a", "c");
    assertThat(snapshot.without(Set.of())).isEqualTo(snapshot);
    assertThat(snapshot.paths()).containsExactly("a", "b", "c");
  }

  @Test
  void theContentDigestIgnoresModificationTimesButNotPathsSizesOrDigests() {
    // Given
    Snapshot one = Snapshot.of(List.of(file("a")));
    Snapshot touched = Snapshot.of(List.of(new FileEntry("a", 1, 99, file("a").sha256())));
    Snapshot moved = Snapshot.of(List.of(file("b")));

    // When / Then
    assertThat(touched.contentDigest()).isEqualTo(one.contentDigest());
    assertThat(moved.contentDigest()).isNotEqualTo(one.contentDigest());
  }
}
