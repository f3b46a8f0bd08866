package dev.omega.http;

import dev.omega.core.sync.FileEntry;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * The caller's content of an upload as the HTTP client pulls it: notes when it last took bytes (the
 * upload's idle watchdog), checks that it has exactly the announced size, and remembers a failure
 * to read it, so that a local problem is not mistaken for a network one. Closing it leaves the
 * caller's stream open: the caller owns it.
 */
final class UploadSource extends InputStream {
  private final FileEntry entry;
  private final InputStream content;
  private volatile long lastActivity = System.nanoTime();
  private volatile IOException failure;
  private long count;

  UploadSource(FileEntry entry, InputStream content) {
    this.entry = entry;
    this.content = content;
  }

  /** {@link System#nanoTime()} when bytes were last taken, or the upload began. */
  long lastActivity() {
    return lastActivity;
  }

  /** Why reading the caller's content failed, if it did. */
  Optional<IOException> failure() {
    return Optional.ofNullable(failure);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] into, int offset, int length) throws IOException {
    lastActivity = System.nanoTime();
    try {
      int n = content.read(into, offset, length);
      if (n < 0 && count != entry.size()) {
        throw new IOException(
            entry.path()
                + " has "
                + count
                + " bytes instead of the "
                + entry.size()
                + " it was planned with; it changed while it was uploaded. Sync again.");
      }
      if (n > 0) {
        count += n;
        if (count > entry.size()) {
          throw new IOException(
              entry.path()
                  + " has more than the "
                  + entry.size()
                  + " bytes it was planned with; it changed while it was uploaded. Sync again.");
        }
      }
      lastActivity = System.nanoTime();
      return n;
    } catch (IOException | RuntimeException e) {
      IOException io = e instanceof IOException checked ? checked : new IOException(e);
      failure = io;
      throw io;
    }
  }

  @Override
  public void close() {
    // The caller closes its stream.
  }
}
