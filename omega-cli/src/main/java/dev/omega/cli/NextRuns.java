package dev.omega.cli;

import dev.omega.core.cron.CronSchedule;
import dev.omega.core.model.TaskView;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A task's next run times as the user reads them: the platform's next one and those after it. */
final class NextRuns {
  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

  private NextRuns() {}

  /** Up to {@code count} next runs; none while the task is OFF (the platform then plans none). */
  static List<Instant> of(TaskView task, int count) {
    List<Instant> runs = new ArrayList<>();
    Optional<Instant> next = task.nextRunAt();
    if (next.isEmpty()) {
      return runs;
    }
    // Tasks are scheduled in UTC (the platform's default zone; the CLI sends no other).
    CronSchedule schedule = CronSchedule.parse(task.spec().schedule());
    ZonedDateTime at = next.get().atZone(ZoneOffset.UTC);
    runs.add(at.toInstant());
    while (runs.size() < count) {
      Optional<ZonedDateTime> after = schedule.next(at);
      if (after.isEmpty()) {
        break;
      }
      at = after.get();
      runs.add(at.toInstant());
    }
    return runs;
  }

  /** "2026-11-27 07:30 CET, 2026-11-27 08:30 CET, ..." in the user's zone. */
  static String describe(List<Instant> runs) {
    return String.join(
        ", ", runs.stream().map(r -> FORMAT.format(r.atZone(ZoneId.systemDefault()))).toList());
  }
}
