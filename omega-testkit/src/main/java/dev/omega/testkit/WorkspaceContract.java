package dev.omega.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omega.core.port.Workspace;
import dev.omega.core.sync.FileEntry;
import dev.omega.core.sync.Sha256;
import dev.omega.core.sync.Snapshot;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link Workspace} must do. An implementation's test extends this class. */
public abstract class WorkspaceContract {
  protected Workspace workspace;

  /** An empty project. */
  protected abstract Workspace createWorkspace();

  /** Writes a file into the project as the user would. */
  protected abstract void writeUserFile(String path, String content);

  @BeforeEach
  void createWorkspaceUnderTest() {
    workspace = createWorkspace();
  }

  private static FileEntry entry(String path, String content, long mtime) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    return new FileEntry(path, bytes.length, mtime, Sha256.hex(bytes));
  }

  private static String text(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream stream(String content) {
    return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aSnapshotListsEveryFileWithItsSizeAndDigest() {
    // Given
    writeUserFile("main.py", "print(1)\n");
    writeUserFile("src/deep/util.py", "x = 2\n");
    // When
    Snapshot snapshot = workspace.snapshot();
    // Then
    assertThat(snapshot.paths()).containsExactly("main.py", "src/deep/util.py");
    FileEntry main = snapshot.get("main.py").orElseThrow();
    assertThat(main.size()).isEqualTo(9);
    assertThat(main.sha256()).isEqualTo(Sha256.hex("print(1)\n".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aFileReadsBackAsWritten() {
    writeUserFile("notes.txt", "hello");
    assertThat(text(workspace.read("notes.txt"))).isEqualTo("hello");
  }

  @Test
  void aDownloadReplacesTheFileAndKeepsTheRemoteModificationTime() {
    // Given
    writeUserFile("a.txt", "old");
    FileEntry remote = entry("a.txt", "new content", 1_600_000_000_000L);
    // When
    workspace.write(remote, stream("new content"));
    // Then
    assertThat(text(workspace.read("a.txt"))).isEqualTo("new content");
    assertThat(workspace.snapshot().get("a.txt").orElseThrow().mtime())
        .isEqualTo(1_600_000_000_000L);
  }

  @Test
  void aDownloadWithOtherBytesThanAnnouncedLeavesTheOldFile() {
    writeUserFile("a.txt", "old");
    FileEntry announced = entry("a.txt", "announced", 1_600_000_000_000L);
    assertThatThrownBy(() -> workspace.write(announced, stream("different")))
        .isInstanceOf(RuntimeException.class);
    assertThat(text(workspace.read("a.txt"))).isEqualTo("old");
    assertThat(workspace.snapshot().paths()).containsExactly("a.txt");
  }

  @Test
  void aDownloadCreatesMissingFolders() {
    workspace.write(entry("new/dir/b.txt", "b", 1_600_000_000_000L), stream("b"));
    assertThat(workspace.snapshot().paths()).containsExactly("new/dir/b.txt");
  }

  @Test
  void deletingTwiceIsHarmless() {
    writeUserFile("gone.txt", "x");
    workspace.delete("gone.txt");
    workspace.delete("gone.txt");
    assertThat(workspace.snapshot().paths()).isEmpty();
  }

  @Test
  void aConflictCopyIsKeptOutsideWhatSyncSees() {
    // Given
    writeUserFile("model.py", "mine");
    // When
    workspace.keepConflictCopy("model.py", ".omega/conflicts/20260101T000000Z/model.py");
    // Then
    assertThat(workspace.snapshot().paths()).containsExactly("model.py");
  }
}
