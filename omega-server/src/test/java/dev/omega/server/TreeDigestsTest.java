package dev.omega.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeDigestsTest {
  @TempDir Path dir;
  private final List<Path> read = new ArrayList<>();
  private final TreeDigests digests =
      new TreeDigests(
          file -> {
            read.add(file);
            return RemoteTree.digest(file);
          });

  private Path file(String name, String content, Instant modified) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    Files.setLastModifiedTime(file, FileTime.from(modified));
    return file;
  }

  private String digest(Path file) throws IOException {
    return digests.digest(
        file.getFileName().toString(),
        file,
        Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void anUnchangedFileIsReadOnce() throws IOException {
    // Given
    Path file = file("a.txt", "content", Instant.now().minusSeconds(60));
    // When
    String first = digest(file);
    String second = digest(file);
    // Then
    assertThat(second).isEqualTo(first).isEqualTo(RemoteTree.digest(file));
    assertThat(read).hasSize(1);
  }

  @Test
  void aFileRewrittenWithTheSameSizeIsReadAgain() throws IOException {
    // Given
    Path file = file("a.txt", "content", Instant.now().minusSeconds(60));
    String before = digest(file);
    // When
    file("a.txt", "CONTENT", Instant.now().minusSeconds(30));
    String after = digest(file);
    // Then
    assertThat(after).isNotEqualTo(before).isEqualTo(RemoteTree.digest(file));
    assertThat(read).hasSize(2);
  }

  @Test
  void aFileModifiedJustNowIsReadAgainNextTime() throws IOException {
    // Given: young enough that another write within its time stamp's granularity could go unseen
    Path file = file("young.txt", "content", Instant.now());
    // When
    digest(file);
    digest(file);
    // Then
    assertThat(read).hasSize(2);
  }

  @Test
  void aStoredFileIsKnownWithoutBeingRead() throws IOException {
    // Given
    Path file = file("up.txt", "uploaded", Instant.now().minusSeconds(60));
    // When
    digests.stored("up.txt", file, RemoteTree.digest(file));
    String digest = digest(file);
    // Then
    assertThat(digest).isEqualTo(RemoteTree.digest(file));
    assertThat(read).isEmpty();
  }

  @Test
  void forgottenPathsAreReadAgain() throws IOException {
    Path file = file("a.txt", "content", Instant.now().minusSeconds(60));
    digest(file);
    digests.retainOnly(java.util.Set.of());
    digest(file);
    assertThat(read).hasSize(2);
  }
}
