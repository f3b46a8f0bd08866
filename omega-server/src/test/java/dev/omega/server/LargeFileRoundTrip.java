package dev.omega.server;

import dev.omega.core.model.AgentId;
import dev.omega.core.port.RemoteFiles;
import dev.omega.core.sync.FileEntry;
import dev.omega.core.sync.Sha256;
import dev.omega.http.HttpPlatform;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Started in a JVM of its own with a small heap by {@link LargeFileMemoryTest}: writes a file of
 * seeded pseudo-random bytes chunk by chunk, uploads it to an agent through the HTTP adapter,
 * downloads it back into another file while hashing it, and exits 0 only when the digests match.
 *
 * <p>Arguments: the server's URL, the apikey, the agent's id, a work folder, the size in bytes.
 */
final class LargeFileRoundTrip {
  private static final int CHUNK = 1 << 20;

  private LargeFileRoundTrip() {}

  public static void main(String[] args) throws IOException {
    URI server = URI.create(args[0]);
    AgentId agent = AgentId.parse(args[2]);
    Path source = Path.of(args[3]).resolve("source.bin");
    Path copy = Path.of(args[3]).resolve("copy.bin");
    long size = Long.parseLong(args[4]);
    long start = System.nanoTime();
    FileEntry entry = writeRandom(source, size);
    MessageDigest digest = Sha256.newDigest();
    try (HttpPlatform platform = HttpPlatform.connect(server, Optional.of(args[1]))) {
      RemoteFiles files = platform.agents().files(agent);
      try (InputStream in = Files.newInputStream(source)) {
        files.upload(entry, in);
      }
      try (InputStream in = files.download(entry);
          OutputStream out = new DigestOutputStream(Files.newOutputStream(copy), digest)) {
        in.transferTo(out);
      }
    }
    String back = Sha256.hex(digest);
    boolean same = back.equals(entry.sha256()) && Files.size(copy) == size;
    System.out.printf(
        "%d bytes up and down in %d ms, sha-256 %s -> %s, heap peak at most %d MiB of %d MiB%n",
        size,
        (System.nanoTime() - start) / 1_000_000,
        entry.sha256(),
        back,
        heapPeak() >> 20,
        Runtime.getRuntime().maxMemory() >> 20);
    System.exit(same ? 0 : 1);
  }

  /** Writes {@code size} bytes from a seeded generator, one chunk at a time; returns its entry. */
  private static FileEntry writeRandom(Path file, long size) throws IOException {
    SplittableRandom random = new SplittableRandom(4242);
    MessageDigest digest = Sha256.newDigest();
    ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
    try (FileChannel out =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (long left = size; left > 0; left -= chunk.limit()) {
        chunk.clear();
        while (chunk.remaining() >= Long.BYTES) {
          chunk.putLong(random.nextLong());
        }
        chunk.flip().limit((int) Math.min(CHUNK, left));
        digest.update(chunk.array(), 0, chunk.limit());
        while (chunk.hasRemaining()) {
          out.write(chunk);
        }
      }
    }
    return new FileEntry(
        "big.bin", size, Files.getLastModifiedTime(file).toMillis(), Sha256.hex(digest));
  }

  /** The sum of the heap pools' peaks: no more than the heap ever held at once. */
  private static long heapPeak() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP)
        .map(MemoryPoolMXBean::getPeakUsage)
        .mapToLong(usage -> usage.getUsed())
        .sum();
  }
}
