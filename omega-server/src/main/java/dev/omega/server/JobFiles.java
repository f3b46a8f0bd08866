package dev.omega.server;

import dev.omega.core.sync.FileEntry;
import dev.omega.core.sync.Snapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * A job's files: its fresh workspace is a copy of the task cache; when it ends, the files it
 * created or changed (compared with that copy) are written back to the cache, so that the next sync
 * brings a job's outputs to the user. Files the job deleted stay in the cache. A stopped job's
 * folder is emptied and kept for the task's next job.
 */
final class JobFiles {
  private static final String SPARE = ".spare";

  private JobFiles() {}

  /** What a write-back did: the paths written, and a note for each file that was refused. */
  record WriteBack(List<String> written, List<String> refused) {}

  /**
   * Makes the job's folder and copies the task cache into its empty workspace; returns what it
   * copied. The folder is the task's spare one when it has one ({@link #retire}), renamed: making a
   * folder makes an inode, which on ext4 searches past every recently freed one, so with many jobs
   * starting and ending at once two new folders a job were most of a start's system time.
   */
  static Snapshot copy(RemoteTree cache, Path jobDir) throws IOException {
    Path workspace = workspace(jobDir);
    try {
      Files.move(spare(jobDir.getParent()), jobDir, StandardCopyOption.ATOMIC_MOVE);
      if (!isEmpty(workspace)) {
        deleteUnder(jobDir, workspace); // a process of the last job that escaped its stop wrote
      }
    } catch (NoSuchFileException e) {
      Files.createDirectories(jobDir);
      Files.createDirectory(workspace);
    }
    return cache.copyTo(workspace);
  }

  /**
   * Empties a stopped job's folder, keeping its empty workspace folder, and keeps it as the task's
   * spare for the next job; deletes it instead when the task has a spare already or something in it
   * could not be deleted.
   */
  static void retire(Path jobDir) {
    Path workspace = workspace(jobDir);
    if (!Files.isDirectory(jobDir) || !Files.isDirectory(workspace, LinkOption.NOFOLLOW_LINKS)) {
      delete(jobDir);
      return;
    }
    if (!deleteUnder(jobDir, workspace)) {
      delete(jobDir);
      return;
    }
    try {
      // Fails when there is a spare already: it is never empty, it holds its workspace.
      Files.move(jobDir, spare(jobDir.getParent()), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      delete(jobDir);
    }
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      return !entries.iterator().hasNext();
    }
  }

  /** A job's workspace, in its folder. */
  static Path workspace(Path jobDir) {
    return jobDir.resolve("workspace");
  }

  /** Makes the spare folder of a task's jobs' folder, for its first job. */
  static void makeSpare(Path jobsDir) throws IOException {
    Files.createDirectories(workspace(spare(jobsDir)));
  }

  /** The emptied folder of the task's last stopped job, in its jobs' folder. */
  static Path spare(Path jobsDir) {
    return jobsDir.resolve(SPARE);
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
    if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      deleteUnder(dir, null);
    }
  }

  /**
   * Deletes {@code dir} and everything in it, but for {@code kept} (a folder, kept empty) and
   * {@code dir} itself when {@code kept} is given; links are deleted, never followed. Returns
   * whether all of it went.
   */
  private static boolean deleteUnder(Path dir, Path kept) {
    boolean[] all = {true};
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              return deleted(file);
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              return deleted(file);
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) {
              if (kept != null && (d.equals(kept) || d.equals(dir))) {
                return FileVisitResult.CONTINUE;
              }
              return deleted(d);
            }

            private FileVisitResult deleted(Path path) {
              try {
                Files.deleteIfExists(path);
              } catch (IOException e) {
                all[0] = false; // left behind: it costs disk space only
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      return false;
    }
    return all[0];
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
