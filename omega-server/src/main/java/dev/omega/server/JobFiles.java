package dev.omega.server;

import dev.omega.core.sync.FileEntry;
import dev.omega.core.sync.Snapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
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
import java.util.function.Predicate;

/**
 * A job's files: its fresh workspace is a copy of the task cache; when it ends, the files it
 * created or changed (compared with that copy) are written back to the cache, so that the next sync
 * brings a job's outputs to the user. Files the job deleted stay in the cache. A stopped job's
 * folder is emptied and kept for the task's next job, which makes a new workspace in it.
 */
final class JobFiles {
  private static final String SPARE = ".spare";

  private JobFiles() {}

  /** What a write-back did: the paths written, and a note for each file that was refused. */
  record WriteBack(List<String> written, List<String> refused) {}

  /**
   * Makes the job's folder and copies the task cache into its empty workspace; returns what it
   * copied. The folder is the task's spare one when it has one ({@link #retire}), renamed: making a
   * file or a folder makes an inode, which on ext4 searches past every recently freed one, so with
   * many jobs starting and ending at once the folders and exit files made and deleted for each were
   * most of a start's system time.
   */
  static Snapshot copy(RemoteTree cache, Path jobDir) throws IOException {
    Path workspace = workspace(jobDir);
    try {
      Files.move(spare(jobDir.getParent()), jobDir, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      Files.createDirectories(jobDir);
    }
    // A new workspace folder each time: a process of the last job that escaped its stop may still
    // be in the old one, and must not write into this job's.
    try {
      Files.createDirectory(workspace);
    } catch (FileAlreadyExistsException e) {
      delete(workspace); // a spare that kept one
      Files.createDirectory(workspace);
    }
    return cache.copyTo(workspace);
  }

  /**
   * Empties a stopped job's folder but for its exit file (which the next launch empties, and whose
   * launcher writes it in place), and keeps it as the task's spare for the next job; deletes it
   * instead when the task has a spare already or something in it could not be deleted.
   */
  static void retire(Path jobDir) {
    Path exitFile = exitFile(jobDir);
    boolean emptied =
        Files.isDirectory(jobDir, LinkOption.NOFOLLOW_LINKS)
            && deleteContents(
                jobDir,
                entry ->
                    entry.equals(exitFile)
                        && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS));
    if (emptied) {
      try {
        Files.move(jobDir, spare(jobDir.getParent()), StandardCopyOption.ATOMIC_MOVE);
        return;
      } catch (IOException e) {
        // a spare holding its exit file is there already (an empty one is replaced)
      }
    }
    delete(jobDir);
  }

  /** A job's workspace, in its folder. */
  static Path workspace(Path jobDir) {
    return jobDir.resolve("workspace");
  }

  /** Where the job's launcher writes the exit code of its process. */
  static Path exitFile(Path jobDir) {
    return jobDir.resolve("exit-code");
  }

  /** Makes the spare folder in a task's jobs' folder, for its first job. */
  static void makeSpare(Path jobsDir) throws IOException {
    Path spare = spare(jobsDir);
    Files.createDirectories(spare);
    if (!Files.exists(exitFile(spare))) {
      Files.createFile(exitFile(spare));
    }
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
      deleteTree(dir);
    }
  }

  /** Deletes the entries of {@code dir} but the {@code kept} ones; whether all of them went. */
  private static boolean deleteContents(Path dir, Predicate<Path> kept) {
    boolean all = true;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        if (!kept.test(entry)) {
          all &= deleteTree(entry);
        }
      }
    } catch (IOException | DirectoryIteratorException e) {
      return false;
    }
    return all;
  }

  /** Deletes {@code path}, and all in it when a folder; links are deleted, never followed. */
  private static boolean deleteTree(Path path) {
    boolean[] all = {true};
    try {
      Files.walkFileTree(
          path,
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
            public FileVisitResult postVisitDirectory(Path dir, IOException e) {
              return deleted(dir);
            }

            private FileVisitResult deleted(Path gone) {
              try {
                Files.deleteIfExists(gone);
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
