package dev.omega.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omega.core.port.Workspace;
import dev.omega.core.sync.FileEntry;
import dev.omega.core.sync.Sha256;
import dev.omega.testkit.WorkspaceContract;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.text.Normalizer;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalWorkspaceTest extends WorkspaceContract {
  @TempDir Path project;

  @Override
  protected Workspace createWorkspace() {
    return new LocalWorkspace(project, Optional.of(".env"));
  }

  @Override
  protected void writeUserFile(String path, String content) {
    try {
      Path file = project.resolve(path);
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static FileEntry entry(String path, byte[] content) {
    return new FileEntry(path, content.length, 1_600_000_000_000L, Sha256.hex(content));
  }

  private Stream<String> allNames() throws IOException {
    try (Stream<Path> files = Files.walk(project)) {
      return files.map(p -> project.relativize(p).toString()).toList().stream();
    }
  }

  @Test
  void aDownloadCutOffMidFileLeavesTheOldFileAndNoPartialOne() throws Exception {
    // Given
    writeUserFile("model.bin", "old weights");
    byte[] remote = new byte[300_000];
    new java.util.Random(1).nextBytes(remote);
    InputStream cut =
        new FilterInputStream(new ByteArrayInputStream(remote)) {
          private int read;

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            if (read > 100_000) {
              throw new IOException("connection reset");
            }
            int n = super.read(b, off, len);
            read += Math.max(n, 0);
            return n;
          }
        };
    // When
    assertThatThrownBy(() -> workspace.write(entry("model.bin", remote), cut))
        .isInstanceOf(UncheckedIOException.class);
    // Then
    assertThat(project.resolve("model.bin")).hasContent("old weights");
    assertThat(allNames()).noneMatch(n -> n.contains(LocalWorkspace.PARTIAL_MARK));
  }

  @Test
  void aNewFileCutOffMidDownloadDoesNotAppearAtAll() throws Exception {
    byte[] remote = "x".repeat(10).getBytes(StandardCharsets.UTF_8);
    InputStream broken =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("reset");
          }
        };
    assertThatThrownBy(() -> workspace.write(entry("fresh.txt", remote), broken))
        .isInstanceOf(UncheckedIOException.class);
    assertThat(project.resolve("fresh.txt")).doesNotExist();
    assertThat(workspace.snapshot().paths()).isEmpty();
  }

  @Test
  void theEnvFileOmegaFolderAndGitFolderAreNeverInASnapshot() throws Exception {
    writeUserFile(".env", "SECRET=1");
    writeUserFile(".omega/config.yaml", "job_type: lab");
    writeUserFile(".git/HEAD", "ref");
    writeUserFile("main.py", "");
    assertThat(workspace.snapshot().paths()).containsExactly("main.py");
    assertThat(((LocalWorkspace) workspace).leftOut())
        .containsKeys(".env", ".omega", ".git")
        .hasEntrySatisfying(".env", why -> assertThat(why).contains("env file"));
  }

  @Test
  void gitignoredFilesAreLeftOutAndDryRunSaysWhy() throws Exception {
    writeUserFile(".gitignore", "build/\n*.log\n");
    writeUserFile("build/out.o", "");
    writeUserFile("app.log", "");
    writeUserFile("src/app.py", "");
    assertThat(workspace.snapshot().paths()).containsExactly(".gitignore", "src/app.py");
    assertThat(((LocalWorkspace) workspace).leftOut())
        .hasEntrySatisfying(
            "build", why -> assertThat(why).contains("build/").contains(".gitignore line 1"))
        .hasEntrySatisfying("app.log", why -> assertThat(why).contains("*.log").contains("line 2"));
  }

  @Test
  void symbolicLinksAreNeitherFollowedNorSynced() throws Exception {
    writeUserFile("real/data.txt", "d");
    Files.createSymbolicLink(project.resolve("link-to-real"), project.resolve("real"));
    Files.createSymbolicLink(project.resolve("link.txt"), project.resolve("real/data.txt"));
    assertThat(workspace.snapshot().paths()).containsExactly("real/data.txt");
    assertThatThrownBy(() -> workspace.read("link-to-real/data.txt"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void namesAreNormalisedToNfcAndStillReadBack() throws Exception {
    // Given: a name written in decomposed form, as macOS does
    String decomposed = Normalizer.normalize("café.txt", Normalizer.Form.NFD);
    writeUserFile(decomposed, "au lait");
    // When
    var paths = workspace.snapshot().paths();
    // Then
    assertThat(paths).containsExactly(Normalizer.normalize("café.txt", Normalizer.Form.NFC));
    try (InputStream in = workspace.read(paths.iterator().next())) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("au lait");
    }
  }

  @Test
  void aSecondSnapshotOfAnUnchangedTreeReadsNoFileAndAChangedFileIsHashedAgain() throws Exception {
    // Given: 20,000 files, hashed once, their stamps older than the racy window
    FileTime old = FileTime.fromMillis(System.currentTimeMillis() - 60_000);
    for (int i = 0; i < 20_000; i++) {
      Path file = project.resolve("d" + (i % 100) + "/f" + i + ".txt");
      Files.createDirectories(file.getParent());
      Files.writeString(file, "content " + i);
      Files.setLastModifiedTime(file, old);
    }
    LocalWorkspace local = (LocalWorkspace) workspace;
    assertThat(local.snapshot().size()).isEqualTo(20_000);
    long first = local.bytesHashed();
    // When
    LocalWorkspace again = new LocalWorkspace(project, Optional.empty());
    var second = again.snapshot();
    // Then
    assertThat(first).isPositive();
    assertThat(again.bytesHashed()).isZero();
    assertThat(second.size()).isEqualTo(20_000);
    // A changed file is read again, and only it
    Files.writeString(project.resolve("d7/f7.txt"), "changed!!");
    Files.setLastModifiedTime(
        project.resolve("d7/f7.txt"), FileTime.fromMillis(old.toMillis() + 1000));
    LocalWorkspace third = new LocalWorkspace(project, Optional.empty());
    assertThat(third.snapshot().get("d7/f7.txt").orElseThrow().sha256())
        .isEqualTo(Sha256.hex("changed!!".getBytes(StandardCharsets.UTF_8)));
    assertThat(third.bytesHashed()).isEqualTo("changed!!".length());
  }

  @Test
  void aSnapshotOfSomePathsSeesThemAsAWholeSnapshotWouldAndReadsOnlyChangedOnes() throws Exception {
    // Given: files older than the racy window, seen by a whole snapshot
    FileTime old = FileTime.fromMillis(System.currentTimeMillis() - 60_000);
    for (String name : List.of("a.txt", "b.txt", "sub/c.txt")) {
      writeUserFile(name, "content of " + name);
      Files.setLastModifiedTime(project.resolve(name), old);
    }
    LocalWorkspace local = (LocalWorkspace) workspace;
    var whole = local.snapshot();
    long hashed = local.bytesHashed();
    Files.writeString(project.resolve("b.txt"), "changed");
    Files.delete(project.resolve("sub/c.txt"));
    // When
    var some = local.snapshot(List.of("a.txt", "b.txt", "sub/c.txt"));
    // Then
    assertThat(some.paths()).containsExactly("a.txt", "b.txt");
    assertThat(some.get("a.txt")).isEqualTo(whole.get("a.txt"));
    assertThat(some.get("b.txt").orElseThrow().sha256())
        .isEqualTo(Sha256.hex("changed".getBytes(StandardCharsets.UTF_8)));
    assertThat(local.bytesHashed() - hashed).isEqualTo("changed".length());
  }

  @Test
  void anUnchangedTreeLeavesTheDigestCacheAsItWas() throws Exception {
    // Given
    writeUserFile("a.txt", "a");
    Files.setLastModifiedTime(
        project.resolve("a.txt"), FileTime.fromMillis(System.currentTimeMillis() - 60_000));
    workspace.snapshot();
    FileTime written = Files.getLastModifiedTime(project.resolve(".omega/digests"));
    Files.setLastModifiedTime(project.resolve(".omega/digests"), FileTime.fromMillis(0));
    // When
    new LocalWorkspace(project, Optional.empty()).snapshot();
    // Then: not written again
    assertThat(written.toMillis()).isPositive();
    assertThat(Files.getLastModifiedTime(project.resolve(".omega/digests")).toMillis()).isZero();
  }

  @Test
  void deletingTheDigestCacheChangesNothingButSpeed() throws Exception {
    writeUserFile("a.txt", "a");
    var before = workspace.snapshot();
    Files.delete(project.resolve(".omega/digests"));
    assertThat(new LocalWorkspace(project, Optional.empty()).snapshot()).isEqualTo(before);
  }

  @Test
  void pathsLeavingTheProjectAreRefused() {
    assertThatThrownBy(() -> workspace.read("../outside"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> workspace.delete("/etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
