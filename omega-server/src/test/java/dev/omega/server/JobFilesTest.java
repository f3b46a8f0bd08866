package dev.omega.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omega.core.sync.Snapshot;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobFilesTest {
  @TempDir Path dir;
  private RemoteTree cache;
  private Path jobs;

  @BeforeEach
  void cacheWithOneFile() throws Exception {
    Path root = Files.createDirectories(dir.resolve("cache"));
    Files.writeString(root.resolve("input.txt"), "in\n");
    cache =
        new RemoteTree(root, dir.resolve("staging"), 1L << 30, Set.of(), Snapshot.empty(), s -> {});
    jobs = Files.createDirectories(dir.resolve("jobs"));
  }

  @Test
  void theNextJobGetsTheLastOnesFolderEmptiedWithAFreshCopyOfTheCache() throws Exception {
    // Given: a job that left files, folders, a link and its exit code behind
    Path first = jobs.resolve("first");
    JobFiles.copy(cache, first);
    Path workspace = first.resolve("workspace");
    Files.writeString(workspace.resolve("input.txt"), "changed\n");
    Files.createDirectories(workspace.resolve("out/deep"));
    Files.writeString(workspace.resolve("out/deep/result.txt"), "result\n");
    Files.createSymbolicLink(workspace.resolve("link"), dir.resolve("cache"));
    Files.writeString(first.resolve("exit-code"), "0\n");
    Files.writeString(first.resolve("exit-code.tmp.1"), "0\n");
    Object folder = Files.getAttribute(first, "unix:ino");
    Object exitFile = Files.getAttribute(first.resolve("exit-code"), "unix:ino");

    // When: it is retired, and the next job's folder made
    JobFiles.retire(first);
    Path second = jobs.resolve("second");
    Snapshot copied = JobFiles.copy(cache, second);

    // Then: the same folder, renamed (no new one made), holds the cache's copy alone, and the exit
    // file for the launch to empty and the launcher to write in place
    assertThat(Files.getAttribute(second, "unix:ino")).isEqualTo(folder);
    assertThat(first).doesNotExist();
    assertThat(JobFiles.spare(jobs)).doesNotExist();
    try (var listed = Files.list(second)) {
      assertThat(listed)
          .containsExactlyInAnyOrder(second.resolve("workspace"), second.resolve("exit-code"));
    }
    assertThat(Files.getAttribute(second.resolve("exit-code"), "unix:ino")).isEqualTo(exitFile);
    try (var listed = Files.list(second.resolve("workspace"))) {
      assertThat(listed).containsExactly(second.resolve("workspace/input.txt"));
    }
    assertThat(second.resolve("workspace/input.txt")).hasContent("in");
    assertThat(copied.files()).containsOnlyKeys("input.txt");
    assertThat(dir.resolve("cache/input.txt")).hasContent("in"); // the link was not followed
  }

  @Test
  void aTasksFirstJobGetsTheSpareMadeWithTheTask() throws Exception {
    JobFiles.makeSpare(jobs);
    Object folder = Files.getAttribute(JobFiles.spare(jobs), "unix:ino");

    JobFiles.copy(cache, jobs.resolve("first"));

    assertThat(Files.getAttribute(jobs.resolve("first"), "unix:ino")).isEqualTo(folder);
    assertThat(jobs.resolve("first/workspace/input.txt")).hasContent("in");
    assertThat(jobs.resolve("first/exit-code")).isEmptyFile();
  }

  @Test
  void aSpareThatKeptAWorkspaceStillGivesTheJobANewOne() throws Exception {
    JobFiles.makeSpare(jobs);
    Path old = Files.createDirectory(JobFiles.workspace(JobFiles.spare(jobs)));
    Files.writeString(old.resolve("stale.txt"), "stale\n");

    JobFiles.copy(cache, jobs.resolve("first"));

    assertThat(jobs.resolve("first/workspace/stale.txt")).doesNotExist();
    assertThat(jobs.resolve("first/workspace/input.txt")).hasContent("in");
  }

  @Test
  void aTaskKeepsOneSpareAndDeletesTheFoldersOfOtherJobsThatEnd() throws Exception {
    Path first = jobs.resolve("first");
    Path second = jobs.resolve("second");
    JobFiles.copy(cache, first);
    JobFiles.copy(cache, second);

    JobFiles.retire(first);
    JobFiles.retire(second);

    try (var listed = Files.list(jobs)) {
      assertThat(listed).containsExactly(JobFiles.spare(jobs));
    }
    try (var listed = Files.list(JobFiles.spare(jobs))) {
      assertThat(listed).isEmpty(); // no launcher wrote an exit file here
    }
  }

  @Test
  void aFolderWhoseWorkspaceTheJobReplacedWithALinkIsDeletedNotKept() throws Exception {
    Path first = jobs.resolve("first");
    JobFiles.copy(cache, first);
    Files.delete(first.resolve("workspace/input.txt"));
    Files.delete(first.resolve("workspace"));
    Files.createSymbolicLink(first.resolve("workspace"), dir.resolve("cache"));

    JobFiles.retire(first);

    assertThat(dir.resolve("cache/input.txt")).exists();
    assertThat(JobFiles.workspace(JobFiles.spare(jobs))).doesNotExist();
  }

  @Test
  void theNextJobGetsANewWorkspaceNotTheOneAnEscapedProcessMayStillBeIn() throws Exception {
    Path first = jobs.resolve("first");
    JobFiles.copy(cache, first);
    // the last job left its workspace folder readable by its owner alone
    Files.setPosixFilePermissions(
        JobFiles.workspace(first), PosixFilePermissions.fromString("rwx------"));
    JobFiles.retire(first);

    Path second = jobs.resolve("second");
    JobFiles.copy(cache, second);

    assertThat(Files.getPosixFilePermissions(JobFiles.workspace(second)))
        .isNotEqualTo(PosixFilePermissions.fromString("rwx------"));
    assertThat(Files.isDirectory(JobFiles.workspace(second), LinkOption.NOFOLLOW_LINKS)).isTrue();
  }
}
