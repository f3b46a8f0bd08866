package dev.omega.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One server at a time on a data folder: a server holds its state in memory too, so a second one on
 * the same folder would fire every task again and record the first one's jobs as its own. The lock
 * is the operating system's on {@code server.lock}, which holds the PID of the server that has it;
 * it goes with the process, however that ends.
 */
final class DataFolderLock implements AutoCloseable {
  /** Another server has the data folder. */
  static final class InUse extends RuntimeException {
    InUse(String message) {
      super(message);
    }
  }

  private final FileChannel channel;

  private DataFolderLock(FileChannel channel) {
    this.channel = channel;
  }

  /**
   * Takes the data folder's lock for this process.
   *
   * @throws InUse when another server has it, naming that server's PID
   */
  static DataFolderLock take(Path dataDir) {
    Path file = dataDir.resolve("server.lock");
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock the data folder " + dataDir, e);
    }
    try {
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException heldInThisJvm) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
        throw new InUse(
            "another Omega server"
                + (holder.isEmpty() ? "" : " (PID " + holder + ")")
                + " uses the data folder "
                + dataDir
                + "; stop it first (the local one: omega server stop), or give this one a"
                + " folder of its own with --data");
      }
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)));
      return new DataFolderLock(channel);
    } catch (IOException e) {
      try {
        channel.close();
      } catch (IOException alsoClosing) {
        e.addSuppressed(alsoClosing);
      }
      throw new UncheckedIOException("cannot lock the data folder " + dataDir, e);
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
