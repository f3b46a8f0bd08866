package dev.omega.api;

import dev.omega.core.sync.FileEntry;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * The body of a batch upload ({@code POST .../files}): a POSIX tar stream (pax interchange format)
 * of regular files, each preceded by a pax header that carries its full UTF-8 path, its size, its
 * modification time and its SHA-256 under the vendor keyword {@value #SHA256}. Any pax-aware tar
 * lists or extracts it.
 */
public final class TarFormat {
  public static final String CONTENT_TYPE = "application/x-tar";

  /** The pax keyword of a file's SHA-256 (hex), which the server checks before storing it. */
  public static final String SHA256 = "OMEGA.sha256";

  static final int BLOCK = 512;
  private static final long USTAR_MAX_SIZE = 077777777777L;

  private TarFormat() {}

  /** The blocks that go before {@code entry}'s bytes: its pax header, then its ustar header. */
  public static byte[] header(FileEntry entry) {
    byte[] pax = paxRecords(entry);
    ByteArrayOutputStream out = new ByteArrayOutputStream(3 * BLOCK + pax.length);
    out.writeBytes(ustar("PaxHeader/" + shortName(entry.path()), pax.length, 0, 'x'));
    out.writeBytes(pax);
    out.writeBytes(new byte[padding(pax.length)]);
    long size = entry.size() <= USTAR_MAX_SIZE ? entry.size() : 0;
    out.writeBytes(ustar(shortName(entry.path()), size, entry.mtime() / 1000, '0'));
    return out.toByteArray();
  }

  /** The zero bytes that follow a file of {@code size} bytes, to the next block. */
  public static int padding(long size) {
    return (int) ((BLOCK - size % BLOCK) % BLOCK);
  }

  /** The two zero blocks that end an archive. */
  public static byte[] end() {
    return new byte[2 * BLOCK];
  }

  /** The exact length of the archive of {@code entries}: its Content-Length. */
  public static long length(Collection<FileEntry> entries) {
    long total = 2 * BLOCK;
    for (FileEntry entry : entries) {
      total += header(entry).length + entry.size() + padding(entry.size());
    }
    return total;
  }

  private static byte[] paxRecords(FileEntry entry) {
    BigDecimal mtime = BigDecimal.valueOf(entry.mtime()).movePointLeft(3);
    return (record("path", entry.path())
            + record("size", Long.toString(entry.size()))
            + record("mtime", mtime.toPlainString())
            + record(SHA256, entry.sha256()))
        .getBytes(StandardCharsets.UTF_8);
  }

  /** {@code "<length> key=value\n"}, where the length counts its own digits too. */
  private static String record(String key, String value) {
    int rest = (" " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8).length;
    int length = rest + Integer.toString(rest).length();
    if (Integer.toString(length).length() != Integer.toString(rest).length()) {
      length++;
    }
    return length + " " + key + "=" + value + "\n";
  }

  /** At most 99 bytes of ASCII: the real path travels in the pax header. */
  private static String shortName(String path) {
    StringBuilder ascii = new StringBuilder();
    for (char c : path.toCharArray()) {
      ascii.append(c < 0x80 && c >= 0x20 ? c : '_');
    }
    return ascii.length() <= 99 ? ascii.toString() : ascii.substring(ascii.length() - 99);
  }

  private static byte[] ustar(String name, long size, long mtimeSeconds, char type) {
    byte[] block = new byte[BLOCK];
    put(block, 0, 100, name.getBytes(StandardCharsets.US_ASCII));
    octal(block, 100, 8, 0644);
    octal(block, 108, 8, 0);
    octal(block, 116, 8, 0);
    octal(block, 124, 12, size);
    octal(block, 136, 12, Math.max(0, Math.min(mtimeSeconds, USTAR_MAX_SIZE)));
    block[156] = (byte) type;
    put(block, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
    put(block, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
    java.util.Arrays.fill(block, 148, 156, (byte) ' ');
    long sum = 0;
    for (byte b : block) {
      sum += b & 0xff;
    }
    octal(block, 148, 7, sum);
    block[155] = ' ';
    return block;
  }

  static long checksum(byte[] block) {
    long sum = 0;
    for (int i = 0; i < BLOCK; i++) {
      sum += i >= 148 && i < 156 ? ' ' : block[i] & 0xff;
    }
    return sum;
  }

  private static void put(byte[] block, int at, int length, byte[] value) {
    System.arraycopy(value, 0, block, at, Math.min(length, value.length));
  }

  /** {@code value} in octal, zero-padded to {@code length - 1} digits, then NUL. */
  private static void octal(byte[] block, int at, int length, long value) {
    String digits = Long.toOctalString(value);
    String padded = "0".repeat(Math.max(0, length - 1 - digits.length())) + digits;
    put(block, at, length - 1, padded.getBytes(StandardCharsets.US_ASCII));
    block[at + length - 1] = 0;
  }
}
