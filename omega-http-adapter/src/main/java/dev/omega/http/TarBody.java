package dev.omega.http;

import dev.omega.api.TarFormat;
import dev.omega.core.port.RemoteFiles;
import dev.omega.core.sync.FileEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The body of a batch upload as the HTTP client pulls it: the {@link TarFormat} archive of the
 * entries, each file opened only when its turn comes and closed once sent, each checked to have
 * exactly its planned size ({@link UploadSource}). Notes when it last gave bytes (the upload's idle
 * watchdog) and remembers a failure to read a file, so that a local problem is not mistaken for a
 * network one.
 */
final class TarBody extends InputStream {
  private final List<FileEntry> entries;
  private final RemoteFiles.Contents contents;
  private volatile long lastActivity = System.nanoTime();
  private volatile IOException failure;
  private int next;
  // The part being sent: a header, a file's bytes, its padding, or the end blocks.
  private InputStream part = InputStream.nullInputStream();
  private InputStream file;
  private boolean ended;

  TarBody(List<FileEntry> entries, RemoteFiles.Contents contents) {
    this.entries = List.copyOf(entries);
    this.contents = contents;
  }

  /** The exact length of the body. */
  long length() {
    return TarFormat.length(entries);
  }

  long lastActivity() {
    return lastActivity;
  }

  /** Why reading a file failed, if it did. */
  Optional<IOException> failure() {
    return Optional.ofNullable(failure);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  /**
   * Fills {@code into} across headers and files: the HTTP client sends each read as a chunk of its
   * own, and one per header, file and padding made a batch of small files many small writes.
   */
  @Override
  public int read(byte[] into, int offset, int length) throws IOException {
    lastActivity = System.nanoTime();
    try {
      int filled = 0;
      while (filled < length) {
        int n = part.read(into, offset + filled, length - filled);
        if (n > 0) {
          filled += n;
        } else if (n < 0 && !advance()) {
          break;
        }
      }
      lastActivity = System.nanoTime();
      return filled == 0 && length > 0 ? -1 : filled;
    } catch (IOException | RuntimeException e) {
      IOException io =
          e instanceof IOException checked
              ? checked
              : e instanceof UncheckedIOException unchecked
                  ? unchecked.getCause()
                  : new IOException(e);
      failure = io;
      throw io;
    }
  }

  /** Moves to the next part; false once the archive is complete. */
  private boolean advance() throws IOException {
    if (file != null) {
      FileEntry sent = entries.get(next - 1);
      file.close();
      file = null;
      part = new ByteArrayInputStream(new byte[TarFormat.padding(sent.size())]);
      return true;
    }
    if (next < entries.size()) {
      FileEntry entry = entries.get(next++);
      file = contents.open(entry);
      part =
          new java.io.SequenceInputStream(
              new ByteArrayInputStream(TarFormat.header(entry)), new UploadSource(entry, file));
      return true;
    }
    if (!ended) {
      ended = true;
      part = new ByteArrayInputStream(TarFormat.end());
      return true;
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    if (file != null) {
      file.close();
      file = null;
    }
  }
}
