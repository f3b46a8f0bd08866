package dev.omega.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.SplittableRandom;

/** Incompressible bytes from a seed, written to files. */
final class RandomBytes {
  private static final int CHUNK = 1 << 20;

  private RandomBytes() {}

  /** Writes {@code size} bytes drawn from {@code seed} to {@code file}, replacing its content. */
  static void write(Path file, long size, long seed) throws IOException {
    Files.createDirectories(file.getParent());
    SplittableRandom random = new SplittableRandom(seed);
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(8, size)));
    try (FileChannel out =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      long left = size;
      while (left > 0) {
        buffer.clear();
        while (buffer.remaining() >= 8) {
          buffer.putLong(random.nextLong());
        }
        buffer.flip();
        buffer.limit((int) Math.min(left, buffer.limit()));
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        left -= buffer.limit();
      }
    }
  }

  /**
   * Overwrites {@code length} bytes at {@code offset} in place, and moves the modification time
   * forward by at least a second, so that tools comparing whole seconds see the change too.
   */
  static void overwrite(Path file, long offset, int length, long seed) throws IOException {
    FileTime before = Files.getLastModifiedTime(file);
    SplittableRandom random = new SplittableRandom(seed);
    ByteBuffer buffer = ByteBuffer.allocate(length);
    while (buffer.hasRemaining()) {
      buffer.put((byte) random.nextInt(256));
    }
    buffer.flip();
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
      while (buffer.hasRemaining()) {
        out.write(buffer, offset + buffer.position());
      }
    }
    Instant now = Instant.now();
    Instant floor = before.toInstant().plusSeconds(1);
    Files.setLastModifiedTime(file, FileTime.from(now.isAfter(floor) ? now : floor));
  }
}
