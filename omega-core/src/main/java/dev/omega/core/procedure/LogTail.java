package dev.omega.core.procedure;

import dev.omega.core.model.LogLine;
import dev.omega.core.model.LogPage;
import java.util.ArrayDeque;

/** The last lines of stored logs ({@code watch --tail N}), read page by page into a ring. */
final class LogTail {
  /** Reads the stored page that starts at {@code from}. */
  interface Pages {
    LogPage read(long from) throws InterruptedException;
  }

  private LogTail() {}

  /** Shows the last {@code count} stored lines through {@code sink}, which goes on after them. */
  static void show(Pages pages, int count, LogSink sink) throws InterruptedException {
    ArrayDeque<LogLine> last = new ArrayDeque<>();
    long from = sink.next();
    while (true) {
      LogPage page = pages.read(from);
      if (page.isEnd()) {
        break;
      }
      for (LogLine line : page.lines()) {
        last.addLast(line);
        if (last.size() > count) {
          last.removeFirst();
        }
      }
      from = page.nextOffset();
    }
    sink.skipTo(last.isEmpty() ? from : last.getFirst().offset());
    last.forEach(sink::accept);
  }
}
