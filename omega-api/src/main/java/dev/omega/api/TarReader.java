package dev.omega.api;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a {@link TarFormat} stream entry by entry, never holding a file's bytes: each entry's
 * content is read from the underlying stream as the caller reads it. Regular files only; a folder
 * entry is skipped, anything else (links, devices) is refused. Not threadsafe.
 */
public final class TarReader {
  /** One regular file of the archive; {@code content} ends after its {@code size} bytes. */
  public record Entry(
      String path, long size, long mtimeMillis, Optional<String> sha256, InputStream content) {}

  /** The archive is not one this reader takes. */
  public static final class MalformedTarException extends IOException {
    MalformedTarException(String message) {
      super(message);
    }
  }

  private static final int MAX_PAX_BYTES = 1 << 20;

  private final InputStream in;
  private long unread;
  private int padding;
  private boolean ended;

  public TarReader(InputStream in) {
    this.in = in;
  }

  /** The next regular file, once the previous one's unread bytes are skipped; empty at the end. */
  public Optional<Entry> next() throws IOException {
    skipRest();
    Map<String, String> pax = new HashMap<>();
    while (!ended) {
      byte[] block = in.readNBytes(TarFormat.BLOCK);
      if (block.length < TarFormat.BLOCK) {
        throw new MalformedTarException("the archive ends inside a header");
      }
      if (isZero(block)) {
        ended = true;
        return Optional.empty();
      }
      if (TarFormat.checksum(block) != parseOctal(block, 148, 8)) {
        throw new MalformedTarException("a header's checksum does not match");
      }
      char type = (char) block[156];
      long size = parseOctal(block, 124, 12);
      switch (type) {
        case 'x' -> pax.putAll(records(readPax(size)));
        case 'g' -> readPax(size);
        case '5' -> {
          skipFully(size + TarFormat.padding(size));
          pax.clear();
        }
        case '0', '\0' -> {
          return Optional.of(file(block, size, pax));
        }
        default ->
            throw new MalformedTarException(
                "only regular files can be uploaded, not tar type '" + type + "'");
      }
    }
    return Optional.empty();
  }

  private Entry file(byte[] block, long ustarSize, Map<String, String> pax)
      throws MalformedTarException {
    String path = pax.get("path");
    if (path == null) {
      String name = text(block, 0, 100);
      String prefix = text(block, 345, 155);
      path = prefix.isEmpty() ? name : prefix + "/" + name;
    }
    long size;
    long mtimeMillis;
    try {
      size = pax.containsKey("size") ? Long.parseLong(pax.get("size")) : ustarSize;
      mtimeMillis =
          pax.containsKey("mtime")
              ? new BigDecimal(pax.get("mtime")).movePointRight(3).longValue()
              : parseOctal(block, 136, 12) * 1000;
    } catch (NumberFormatException e) {
      throw new MalformedTarException("a pax size or mtime is not a number");
    }
    if (size < 0) {
      throw new MalformedTarException("a negative size");
    }
    unread = size;
    padding = TarFormat.padding(size);
    return new Entry(
        path, size, mtimeMillis, Optional.ofNullable(pax.get(TarFormat.SHA256)), new Content());
  }

  /** The current entry's bytes, ending after its size. */
  private final class Content extends InputStream {
    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
      if (unread == 0) {
        return -1;
      }
      int n = in.read(into, offset, (int) Math.min(length, unread));
      if (n < 0) {
        throw new MalformedTarException("the archive ends inside a file");
      }
      unread -= n;
      return n;
    }
  }

  private void skipRest() throws IOException {
    skipFully(unread + padding);
    unread = 0;
    padding = 0;
  }

  private void skipFully(long n) throws IOException {
    try {
      in.skipNBytes(n);
    } catch (java.io.EOFException e) {
      throw new MalformedTarException("the archive ends inside a file");
    }
  }

  private byte[] readPax(long size) throws IOException {
    if (size > MAX_PAX_BYTES) {
      throw new MalformedTarException("a pax header longer than " + MAX_PAX_BYTES + " bytes");
    }
    byte[] data = in.readNBytes((int) size);
    if (data.length < size) {
      throw new MalformedTarException("the archive ends inside a pax header");
    }
    skipFully(TarFormat.padding(size));
    return data;
  }

  /** Parses {@code "<length> key=value\n"} records. */
  private static Map<String, String> records(byte[] data) throws MalformedTarException {
    Map<String, String> records = new HashMap<>();
    int at = 0;
    while (at < data.length) {
      int space = at;
      while (space < data.length && data[space] != ' ') {
        space++;
      }
      int length;
      try {
        length = Integer.parseInt(new String(data, at, space - at, StandardCharsets.US_ASCII));
      } catch (NumberFormatException e) {
        throw new MalformedTarException("a pax record without its length");
      }
      if (length <= space - at || at + length > data.length || data[at + length - 1] != '\n') {
        throw new MalformedTarException("a pax record of the wrong length");
      }
      String record = new String(data, space + 1, at + length - space - 2, StandardCharsets.UTF_8);
      int equals = record.indexOf('=');
      if (equals < 0) {
        throw new MalformedTarException("a pax record without '='");
      }
      records.put(record.substring(0, equals), record.substring(equals + 1));
      at += length;
    }
    return records;
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static String text(byte[] block, int at, int length) {
    int end = at;
    while (end < at + length && block[end] != 0) {
      end++;
    }
    return new String(block, at, end - at, StandardCharsets.UTF_8);
  }

  private static long parseOctal(byte[] block, int at, int length) throws MalformedTarException {
    String digits = text(block, at, length).strip();
    if (digits.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(digits, 8);
    } catch (NumberFormatException e) {
      throw new MalformedTarException("a header field is not an octal number");
    }
  }
}
