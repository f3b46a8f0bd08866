package dev.omega.server;

import dev.omega.core.model.LogPage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The complete log history of a task (spec 4.3.6.2): one file that every job's process appends its
 * output to, between a header and a footer line the server writes, with the server's notes (skipped
 * and missed times). Line {@code n} has offset {@code n} across all jobs, so a client pages through
 * it all and resumes where it stopped.
 *
 * <p>The server writes only while no job's process does (its notes wait for the job's end, see
 * {@link TaskRecord#note}); before its first line it ends a last line the job left without a
 * newline, so the offsets handed out never shift.
 */
final class TaskLog {
  private static final String MARK = "--- omega: ";
  private static final String END = " ---";

  private final Path file;
  private final LogFile lines;

  TaskLog(Path file) {
    this.file = file;
    this.lines = new LogFile(file);
  }

  Path file() {
    return file;
  }

  /**
   * @param jobWriting whether a job's process may still write: its partial last line waits
   */
  LogPage page(long offset, int limit, boolean jobWriting) {
    return lines.page(offset, limit, !jobWriting);
  }

  /** Makes the log, empty, unless it is there. */
  void create() throws IOException {
    if (!Files.exists(file)) {
      Files.createFile(file);
    }
  }

  /** Appends whole lines of the server's. */
  void append(List<String> text) {
    if (text.isEmpty()) {
      return;
    }
    StringBuilder out = new StringBuilder();
    if (!endsWithNewline()) {
      out.append('\n');
    }
    for (String line : text) {
      out.append(line.replace('\n', ' ')).append('\n');
    }
    try {
      try {
        write(out);
      } catch (NoSuchFileException folderGone) {
        Files.createDirectories(file.getParent());
        write(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the task log " + file, e);
    }
  }

  private void write(CharSequence text) throws IOException {
    Files.writeString(
        file,
        text,
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.WRITE,
        StandardOpenOption.APPEND);
  }

  private boolean endsWithNewline() {
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      long length = in.size();
      if (length == 0) {
        return true;
      }
      ByteBuffer last = ByteBuffer.allocate(1);
      return in.read(last, length - 1) == 1 && last.get(0) == '\n';
    } catch (NoSuchFileException e) {
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the task log " + file, e);
    }
  }

  static String header(JobRecord job, Instant at) {
    return line("job " + job.id + " started at " + at + " (" + job.origin + ")");
  }

  static String footer(JobRecord job, Optional<Integer> exitCode, Instant at) {
    return line(
        "job "
            + job.id
            + " ended at "
            + at
            + exitCode
                .map(code -> " with exit status " + code)
                .orElse(" with no exit status (its process vanished)"));
  }

  static String notStarted(JobRecord job, Instant at, String why) {
    return line("job " + job.id + " (" + job.origin + ") did not start at " + at + ": " + why);
  }

  static String wroteBack(JobRecord job, List<String> paths) {
    int shown = Math.min(paths.size(), 10);
    return line(
        "job "
            + job.id
            + " wrote "
            + paths.size()
            + (paths.size() == 1 ? " file" : " files")
            + " back to the task cache: "
            + String.join(", ", paths.subList(0, shown))
            + (shown < paths.size() ? ", ..." : ""));
  }

  static String notWrittenBack(String path, String why) {
    return line(path + " was not written back to the task cache: " + why);
  }

  static String skipped(Instant at, JobRecord running) {
    return line(
        "the schedule's time " + at + " was skipped: job " + running.id + " was still running");
  }

  static String missed(Instant first, Instant now, Duration window) {
    return line(
        "the schedule's times from "
            + first
            + " on passed while the server was down and are older than the catch-up window ("
            + window
            + ") at "
            + now
            + ": no job ran for them");
  }

  /** A line of the server's: marked so that a reader tells it from a job's output. */
  private static String line(String text) {
    return MARK + text + END;
  }
}
