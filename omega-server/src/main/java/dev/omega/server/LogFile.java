package dev.omega.server;

import dev.omega.core.model.LogLine;
import dev.omega.core.model.LogPage;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A process's output file read as numbered lines: line {@code n} has offset {@code n}. A last line
 * without its newline counts only once the process has ended, so offsets never shift.
 */
final class LogFile {
  private final Path file;

  LogFile(Path file) {
    this.file = file;
  }

  LogPage page(long offset, int limit, boolean ended) {
    Tail tail = tail();
    tail.skip(offset, ended);
    List<LogLine> lines = new ArrayList<>();
    while (lines.size() < limit) {
      LogLine line = tail.next(ended);
      if (line == null) {
        break;
      }
      lines.add(line);
    }
    return new LogPage(lines, offset + lines.size());
  }

  /** How many lines the file holds, its last one counted even without a newline. */
  long lineCount() {
    Tail tail = tail();
    tail.skip(Long.MAX_VALUE, true);
    return tail.nextOffset;
  }

  Tail tail() {
    return new Tail();
  }

  /** Reads lines as they are written, remembering where it stopped. Not threadsafe. */
  final class Tail {
    private static final int CHUNK = 1 << 20;
    private final ArrayDeque<LogLine> ready = new ArrayDeque<>();
    private long position;
    private long nextOffset;

    /** The next complete line, or null when there is none yet. */
    LogLine next(boolean ended) {
      if (ready.isEmpty()) {
        fill(ended);
      }
      return ready.poll();
    }

    /** Moves on to the line at {@code offset}, as far as the file has lines. */
    void skip(long offset, boolean ended) {
      for (LogLine line = next(ended); line != null; line = next(ended)) {
        if (line.offset() >= offset) {
          ready.addFirst(line);
          return;
        }
      }
    }

    private void fill(boolean ended) {
      if (!Files.exists(file)) {
        return;
      }
      try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
        long length = in.length();
        if (position >= length) {
          return;
        }
        in.seek(position);
        byte[] chunk = new byte[(int) Math.min(length - position, CHUNK)];
        in.readFully(chunk);
        int start = 0;
        for (int i = 0; i < chunk.length; i++) {
          if (chunk[i] == '\n') {
            add(chunk, start, i);
            start = i + 1;
          }
        }
        // A partial last line counts once the process ended, or when a line outgrows a chunk.
        boolean atEnd = position + chunk.length == length;
        if (start < chunk.length && (ended && atEnd || start == 0 && chunk.length == CHUNK)) {
          add(chunk, start, chunk.length);
          start = chunk.length;
        }
        position += start;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private void add(byte[] chunk, int from, int to) {
      int end = to > from && chunk[to - 1] == '\r' ? to - 1 : to;
      ready.add(
          new LogLine(nextOffset++, new String(chunk, from, end - from, StandardCharsets.UTF_8)));
    }
  }
}
