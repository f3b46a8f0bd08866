package dev.omega.server;

import dev.omega.core.sync.FileEntry;
import dev.omega.core.sync.Snapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * A job's files: its fresh workspace is a copy of the task cache; when it ends, the files it
 * created or changed (compared with that copy) are written back to the cache, so that the next sync
 * brings a job's outputs to the user. Files the job deleted stay in the cache.
 */
final class JobFiles {
  private JobFiles() {}

  /** What a write-back did: the paths written, and a note for each file that was refused. */
  record WriteBack(List<String> written, List<String> refused) {}

  /** Copies the task cache into the job's empty workspace; returns what it copied. */
  static Snapshot copy(RemoteTree cache, Path workspace) throws IOException {
    // The job's folder first: createDirectories(workspace) alone would fail on the missing
    // parent, then walk up and try again.
    Files.createDirectories(workspace.getParent());
    Files.createDirectories(workspace);
    return cache.copyTo(workspace);
  }

  /**
   * Writes the files of {@code workspace} that differ from {@code baseline} into the cache, each
   * through the cache's checked upload (paths, quota, digest). Symbolic links and the storage
   * folder are never written back.
   */
  static WriteBack writeBack(RemoteTree cache, Path workspace, Snapshot baseline) {
    List<String> written = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    if (!Files.isDirectory(workspace)) {
      return new WriteBack(written, refused);
    }
    for (Path file : files(workspace)) {
      String path = workspace.relativize(file).toString();
      try {
        long size = Files.size(file);
        String sha256 = RemoteTree.digest(file);
        FileEntry before = baseline.files().get(path);
        if (before != null && before.size() == size && before.sha256().equals(sha256)) {
          continue;
        }
        try (InputStream in = Files.newInputStream(file)) {
          cache.upload(path, sha256, size, in);
        }
        written.add(path);
      } catch (ApiProblem e) {
        refused.add(TaskLog.notWrittenBack(path, e.getMessage()));
      } catch (IOException | UncheckedIOException e) {
        refused.add(TaskLog.notWrittenBack(path, "it could not be read: " + e.getMessage()));
      }
    }
    return new WriteBack(written, refused);
  }

  /** Deletes a job's folder; what cannot be deleted is left behind. */
  static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              Files.deleteIfExists(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      // a leftover folder costs disk space only
    }
  }

  /** The regular files of the workspace, outside the storage folder, not through links. */
  private static List<Path> files(Path workspace) {
    List<Path> found = new ArrayList<>();
    try {
      Files.walkFileTree(
          workspace,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              boolean storage =
                  dir.getParent() != null
                      && dir.getParent().equals(workspace)
                      && dir.getFileName().toString().equals(StorageLinks.FOLDER);
              return storage ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (attrs.isRegularFile()) {
                found.add(file);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }
}
