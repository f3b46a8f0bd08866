package dev.omega.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omega.api.Dtos;
import dev.omega.core.sync.FileEntry;
import dev.omega.core.sync.Snapshot;
import dev.omega.core.sync.SyncSession;
import dev.omega.http.HttpPlatform;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler's loop in a real server, on a clock the test moves: fires, skips while a job runs,
 * catches up once after downtime; and once on the machine's clock, shifted so that the time comes
 * within a second.
 */
class TaskSchedulerTest {
  @TempDir Path data;
  private ServerFixture fixture;
  private TaskClient tasks;

  private void startServer(TestClock clock) {
    fixture = new ServerFixture(data, clock);
    tasks = new TaskClient(fixture);
  }

  @AfterEach
  void stopServer() {
    if (fixture != null) {
      fixture.close();
    }
  }

  private static long headers(List<String> log) {
    return log.stream()
        .filter(l -> l.startsWith("--- omega: job ") && l.contains(" started at "))
        .count();
  }

  @Test
  void aDueTaskFiresAtItsTimeWithItsTriggerAndOnlyOnce() {
    // Given
    TestClock clock = TestClock.frozenAt("2030-01-01T12:00:30Z");
    startServer(clock);
    String id = tasks.create("* * * * *", "echo \"fired by $OMEGA_TASK_ID\"", Map.of());
    Dtos.Task on = tasks.post(id, "enable");
    assertThat(on.nextRunAt()).isEqualTo("2030-01-01T12:01:00Z");
    // When
    clock.advance(Duration.ofSeconds(30));
    // Then
    Dtos.Job job = tasks.awaitStopped(id);
    assertThat(job.trigger()).isEqualTo("schedule");
    assertThat(job.startedAt()).isEqualTo("2030-01-01T12:01:00Z");
    assertThat(job.exitCode()).isZero();
    assertThat(tasks.task(id).nextRunAt()).isEqualTo("2030-01-01T12:02:00Z");
    // The next minute fires the next job, and the first is not run again.
    clock.advance(Duration.ofMinutes(1));
    tasks.await(id, "a second job", t -> !t.latestJob().id().equals(job.id()));
    tasks.awaitStopped(id);
    List<String> log = tasks.log(id);
    assertThat(headers(log)).isEqualTo(2);
    assertThat(log).filteredOn(l -> l.equals("fired by " + id)).hasSize(2);
    assertThat(log.get(0)).contains("schedule, for 2030-01-01T12:01:00Z");
  }

  @Test
  void aTimeThatComesWhileAJobRunsIsSkippedAndTheSkipIsLoggedAfterThatJob() {
    // Given: the 12:01 job runs on
    TestClock clock = TestClock.frozenAt("2030-01-01T12:00:30Z");
    startServer(clock);
    String id = tasks.create("* * * * *", "echo long job; sleep 300", Map.of());
    tasks.post(id, "enable");
    clock.advance(Duration.ofSeconds(30));
    Dtos.Task running =
        tasks.await(
            id,
            "the 12:01 job to run",
            t -> t.latestJob() != null && t.latestJob().status().equals("RUNNING"));
    // When: 12:02 comes
    clock.advance(Duration.ofMinutes(1));
    tasks.await(id, "12:02 to be dealt with", t -> "2030-01-01T12:03:00Z".equals(t.nextRunAt()));
    // Then: no second job; the skip is in the log once the running job has ended
    assertThat(tasks.task(id).latestJob().id()).isEqualTo(running.latestJob().id());
    Dtos.Task stopped = tasks.post(id, "stop");
    assertThat(stopped.latestJob().status()).isEqualTo("STOPPED");
    assertThat(stopped.latestJob().exitCode()).isEqualTo(143);
    List<String> log = tasks.log(id);
    assertThat(headers(log)).isEqualTo(1);
    assertThat(log)
        .containsSubsequence("long job")
        .anySatisfy(l -> assertThat(l).contains("ended at").contains("exit status 143"));
    assertThat(log.getLast())
        .contains("the schedule's time 2030-01-01T12:02:00Z was skipped")
        .contains(running.latestJob().id());
  }

  @Test
  void afterDowntimeOneCatchUpJobRunsForTheLatestMissedTimeAndNoTimeRunsTwice() {
    // Given: an ON task, and a server that goes away for ten minutes
    TestClock clock = TestClock.frozenAt("2030-01-01T12:00:30Z");
    startServer(clock);
    String id = tasks.create("* * * * *", "echo job for $OMEGA_JOB_ID", Map.of());
    tasks.post(id, "enable");
    fixture.server.close();
    clock.advance(Duration.ofMinutes(10));
    // When
    fixture.start();
    // Then: one job, for 12:10, noting the times it stands for
    Dtos.Job caughtUp = tasks.awaitStopped(id);
    assertThat(caughtUp.trigger()).isEqualTo("schedule");
    assertThat(tasks.log(id).getFirst())
        .contains("catching up on 2030-01-01T12:10:00Z")
        .contains("missed since 2030-01-01T12:01:00Z");
    // Another restart at the same time runs nothing again; 12:11 then runs as usual.
    fixture.server.close();
    fixture.start();
    clock.advance(Duration.ofSeconds(30));
    tasks.await(id, "the 12:11 job", t -> !t.latestJob().id().equals(caughtUp.id()));
    tasks.awaitStopped(id);
    List<String> log = tasks.log(id);
    assertThat(headers(log)).isEqualTo(2);
    assertThat(log).anySatisfy(l -> assertThat(l).contains("schedule, for 2030-01-01T12:11:00Z"));
  }

  @Test
  void timesOlderThanTheCatchUpWindowDoNotRunAndTheLogSaysSo() {
    // Given: every six hours; down from 12:00:30 to 19:30, so 18:00 is 1.5 hours old
    TestClock clock = TestClock.frozenAt("2030-01-01T12:00:30Z");
    startServer(clock);
    String id = tasks.create("0 */6 * * *", "echo should not run", Map.of());
    tasks.post(id, "enable");
    fixture.server.close();
    clock.advance(Duration.ofMinutes(7 * 60 + 30));
    // When
    fixture.start();
    // Then
    Dtos.Task task = tasks.await(id, "the missed times noted", t -> !tasks.log(id).isEmpty());
    assertThat(task.latestJob()).isNull();
    assertThat(task.nextRunAt()).isEqualTo("2030-01-02T00:00:00Z");
    assertThat(tasks.log(id))
        .singleElement()
        .asString()
        .contains("from 2030-01-01T18:00:00Z")
        .contains("catch-up window (PT1H)")
        .contains("no job ran");
  }

  /**
   * The one test on the machine's clock: shifted so that a minute starts 1.5 s after the task is
   * enabled. The job must start within a second of that minute, print into the task log and write a
   * file that reaches the task cache, which the next sync then offers for download.
   */
  @Test
  void withTheRealClockAJobStartsWithinASecondOfItsMinuteAndItsFileReachesTheCache()
      throws Exception {
    // Given
    TestClock clock = TestClock.running();
    startServer(clock);
    String id = tasks.create("* * * * *", "echo on time; echo out > result.txt; exit 0", Map.of());
    Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(5));
    clock.shiftTo(minute.minusMillis(1500));
    // When
    tasks.post(id, "enable");
    // Then
    Dtos.Job job = tasks.awaitStopped(id);
    Duration lag = Duration.between(minute, Instant.parse(job.startedAt()));
    assertThat(lag).isGreaterThanOrEqualTo(Duration.ZERO).isLessThan(Duration.ofSeconds(1));
    assertThat(tasks.log(id)).contains("on time");
    try (HttpPlatform client = tasks.client()) {
      SyncSession plan = tasks.files(client, id).plan(Snapshot.empty());
      assertThat(plan.plan().download()).extracting(FileEntry::path).containsExactly("result.txt");
      byte[] bytes = tasks.files(client, id).download(plan.plan().download().get(0)).readAllBytes();
      assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("out\n");
    }
  }
}
