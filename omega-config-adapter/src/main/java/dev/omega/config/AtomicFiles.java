package dev.omega.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;

/**
 * Replaces a small file all at once: the new bytes go to a temporary file beside it, are forced to
 * disk, then renamed over the old one. Killed at any point, the file holds the old bytes or the new
 * ones, never a mix; a temporary file a kill left behind is removed by the next write.
 */
final class AtomicFiles {
  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final String TEMP_MARK = ".omega-tmp-";

  /** Runs between the write and the rename; tests make it fail to stand for a kill there. */
  interface BeforeRename {
    void run() throws IOException;
  }

  private AtomicFiles() {}

  static void write(Path target, byte[] content, BeforeRename beforeRename) {
    Path folder = target.toAbsolutePath().getParent();
    Path temp = folder.resolve("." + target.getFileName() + TEMP_MARK + UUID.randomUUID());
    try {
      removeLeftovers(folder, target.getFileName().toString());
      try (FileChannel channel =
          FileChannel.open(
              temp,
              Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
              PosixFilePermissions.asFileAttribute(OWNER_ONLY))) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      beforeRename.run();
      move(temp, target);
      forceFolder(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // The next write removes it.
      }
    }
  }

  static void write(Path target, byte[] content) {
    write(target, content, () -> {});
  }

  private static void move(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Makes the rename itself durable. */
  private static void forceFolder(Path folder) {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException notSupported) {
      // Some file systems cannot open a folder; the rename is then as durable as they make it.
    }
  }

  private static void removeLeftovers(Path folder, String name) throws IOException {
    String prefix = "." + name + TEMP_MARK;
    try (var stale =
        Files.newDirectoryStream(folder, p -> p.getFileName().toString().startsWith(prefix))) {
      for (Path p : stale) {
        Files.deleteIfExists(p);
      }
    }
  }
}
