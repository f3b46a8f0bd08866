package dev.omega.server;

import dev.omega.core.model.LogLine;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * GET .../watch: the log as Server-Sent Events. Each line is one {@code line} event whose id is its
 * offset (a CR inside a line starts another {@code data} field); {@code Last-Event-ID} resumes
 * right after it. An {@code end} event follows the last line once the process has ended; a comment
 * keeps an idle connection alive.
 */
final class LogStream {
  static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
  private static final Duration POLL = Duration.ofMillis(100);

  private LogStream() {}

  static void serve(Context ctx, AgentRecord record) throws IOException, InterruptedException {
    long from = 0;
    String lastEventId = ctx.header("Last-Event-ID");
    if (lastEventId != null && !lastEventId.isBlank()) {
      try {
        from = Long.parseLong(lastEventId.strip()) + 1;
      } catch (NumberFormatException e) {
        throw ApiProblem.badRequest("Last-Event-ID: '" + lastEventId + "' is not a line offset");
      }
    }
    ctx.status(200).contentType("text/event-stream").header("Cache-Control", "no-cache");
    // The servlet's own stream: Javalin's ctx.outputStream() may compress, and its flush() does
    // not reach the network, so lines would wait in the buffer until the stream ends.
    OutputStream out = ctx.res().getOutputStream();
    LogFile.Tail tail = record.log.tail();
    long lastWrite = System.nanoTime();
    boolean skipped = false;
    while (true) {
      boolean ended;
      synchronized (record) {
        ended = record.processEnded();
      }
      if (!skipped) {
        tail.skip(from, ended);
        skipped = true;
      }
      boolean wrote = false;
      for (LogLine line = tail.next(ended); line != null; line = tail.next(ended)) {
        if (line.offset() >= from) {
          write(out, "id: " + line.offset() + "\nevent: line\n" + data(line.text()) + "\n");
          wrote = true;
        }
      }
      if (ended) {
        write(out, "event: end\ndata:\n\n");
        out.flush();
        return;
      }
      if (wrote) {
        out.flush();
        lastWrite = System.nanoTime();
      } else if (System.nanoTime() - lastWrite > KEEP_ALIVE.toNanos()) {
        write(out, ": keep-alive\n\n");
        out.flush();
        lastWrite = System.nanoTime();
      }
      Thread.sleep(POLL);
    }
  }

  /**
   * The line as {@code data} fields. SSE ends a field at CR as at LF, and a log line (split at LF)
   * may still hold CRs (a progress bar redrawn in place): each CR starts a new {@code data} field,
   * which the client joins back with CR, so no text after a CR is lost.
   */
  static String data(String text) {
    return "data: " + text.replace("\r", "\ndata: ") + "\n";
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
  }
}
