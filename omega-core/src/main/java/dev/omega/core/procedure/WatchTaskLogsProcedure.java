package dev.omega.core.procedure;

import dev.omega.core.config.OmegaConfig;
import dev.omega.core.model.LogPage;
import dev.omega.core.model.TaskId;
import dev.omega.core.port.Ports;
import java.util.OptionalInt;

/**
 * WATCH_TASK_LOGS_PROCEDURE (spec 4.3.6.2): reads the complete log history of the task's jobs, page
 * by page; a failed page is retried from the last line received.
 */
public final class WatchTaskLogsProcedure {
  private final Ports ports;
  private final Retrier retrier;
  private final Pacing pacing;
  private final OmegaConfig config;

  WatchTaskLogsProcedure(Ports ports, Retrier retrier, Pacing pacing, OmegaConfig config) {
    this.ports = ports;
    this.retrier = retrier;
    this.pacing = pacing;
    this.config = config;
  }

  /** Shows every stored line once; returns how many. */
  public long run() throws InterruptedException {
    return run(OptionalInt.empty());
  }

  /**
   * @param tail show only the last this many lines
   */
  public long run(OptionalInt tail) throws InterruptedException {
    TaskId id = config.taskId();
    if (id == null || retrier.call("inspect the task", () -> ports.tasks().inspect(id)).isEmpty()) {
      throw new ProcedureFailedException(
          "this project has no task, so it has no task logs. Create it with omega run.");
    }
    LogSink sink = new LogSink(ports.console());
    if (tail.isPresent()) {
      LogTail.show(from -> page(id, from), tail.getAsInt(), sink);
      return sink.delivered();
    }
    while (true) {
      LogPage page = page(id, sink.next());
      page.lines().forEach(sink::accept);
      if (page.isEnd()) {
        return sink.delivered();
      }
    }
  }

  private LogPage page(TaskId id, long from) throws InterruptedException {
    return retrier.call(
        "read the task's logs", () -> ports.tasks().logs(id, from, pacing.logPageSize()));
  }
}
