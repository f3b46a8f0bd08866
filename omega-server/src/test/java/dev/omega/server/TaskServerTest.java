package dev.omega.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omega.api.Dtos;
import dev.omega.core.sync.FileEntry;
import dev.omega.core.sync.Sha256;
import dev.omega.core.sync.Snapshot;
import dev.omega.core.sync.SyncSession;
import dev.omega.http.HttpPlatform;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tasks over HTTP: the API's rules, jobs' workspaces, files and logs, and a server restart. */
class TaskServerTest {
  @TempDir Path data;
  private ServerFixture fixture;
  private TaskClient tasks;

  @BeforeEach
  void startServer() {
    fixture = new ServerFixture(data);
    tasks = new TaskClient(fixture);
  }

  @AfterEach
  void stopServer() {
    fixture.close();
  }

  private static FileEntry entry(String path, String content) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    return new FileEntry(path, bytes.length, 1_700_000_000_000L, Sha256.hex(bytes));
  }

  private static String text(java.io.InputStream in) throws Exception {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"job_type":"job","job_schedule":"0 0 30 2 *","command":"true","compute_size":"cpu-1","disk_size":1} | job_schedule: '0 0 30 2 *' is not a valid cron schedule: no date ever matches it
          {"job_type":"job","job_schedule":"@reboot","command":"true","compute_size":"cpu-1","disk_size":1}    | job_schedule: '@reboot' is not a valid cron schedule
          {"job_type":"job","job_schedule":"61 * * * *","command":"true","compute_size":"cpu-1","disk_size":1} | job_schedule: '61 * * * *'
          {"job_type":"job","command":"true","compute_size":"cpu-1","disk_size":1}                             | job_schedule: a task needs a cron schedule
          {"job_type":"job","job_schedule":"0 3 * * *","compute_size":"cpu-1","disk_size":1}                   | command:
          {"job_type":"lab","job_schedule":"0 3 * * *","command":"true","compute_size":"cpu-1","disk_size":1}  | job_type:
          {"job_type":"job","job_schedule":"0 3 * * *","command":"true","compute_size":"gpu-9","disk_size":1}  | compute_size: 'gpu-9' is not offered here; choose one of [cpu-1, cpu-2, cpu-4]
          {"job_type":"job","job_schedule":"0 3 * * *","command":"true","compute_size":"cpu-1","disk_size":0}  | disk_size
          {"job_type":"job","job_schedule":"0 3 * * *","command":"true","compute_size":"cpu-1","disk_size":1,"storage":["nope"]} | storage: 'nope' is not a storage of this server
          """)
  void anInvalidSpecIsA400NamingTheField(String body, String detail) {
    var response = tasks.call("PUT", "/tasks/" + UUID.randomUUID(), body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(TaskClient.read(response.body(), Dtos.Problem.class).detail()).contains(detail);
  }

  @Test
  void aTaskThatNamesATimezoneReadsItsScheduleThereAndABadZoneIsA400() throws Exception {
    // Given: 03:00 in New York is 07:00 or 08:00 UTC, never 03:00 UTC
    String body =
        TaskClient.spec("0 3 * * *", "echo hi", Map.of())
            .replace("\"timezone\":null", "\"timezone\":\"America/New_York\"");
    String id = java.util.UUID.randomUUID().toString();
    // When
    var created = tasks.call("PUT", "/tasks/" + id, body);
    tasks.post(id, "enable");
    Dtos.Task task = tasks.task(id);
    // Then
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(task.timezone()).isEqualTo("America/New_York");
    assertThat(
            java.time.Instant.parse(task.nextRunAt())
                .atZone(java.time.ZoneId.of("America/New_York"))
                .getHour())
        .isEqualTo(3);
    var bad =
        tasks.call(
            "PUT",
            "/tasks/" + java.util.UUID.randomUUID(),
            body.replace("America/New_York", "Mars/Olympus"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("timezone");
  }

  @Test
  void creationIsIdempotentOffAndInUtcAndAnotherSpecIsAConflict() {
    String id = UUID.randomUUID().toString();
    String spec = TaskClient.spec("0 3 * * *", "echo hi", Map.of("A", "1"));
    var created = tasks.call("PUT", "/tasks/" + id, spec);
    var again = tasks.call("PUT", "/tasks/" + id, spec);
    var other =
        tasks.call("PUT", "/tasks/" + id, TaskClient.spec("0 4 * * *", "echo hi", Map.of()));
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(other.statusCode()).isEqualTo(409);
    Dtos.Task task = TaskClient.read(again.body(), Dtos.Task.class);
    assertThat(task.status()).isEqualTo("OFF");
    assertThat(task.timezone()).isEqualTo("UTC");
    assertThat(task.nextRunAt()).isNull();
    assertThat(task.latestJob()).isNull();
    assertThat(task.env()).isEqualTo(Map.of("A", "1"));
    Dtos.Task on = tasks.post(id, "enable");
    assertThat(on.status()).isEqualTo("ON");
    assertThat(on.nextRunAt()).endsWith("T03:00:00Z");
    assertThat(tasks.post(id, "enable").status()).isEqualTo("ON");
    assertThat(tasks.post(id, "disable").status()).isEqualTo("OFF");
    assertThat(tasks.post(id, "disable").nextRunAt()).isNull();
  }

  @Test
  void anotherUsersTaskDoesNotExistForYou() {
    String id = tasks.create("0 3 * * *", "true", Map.of());
    for (String[] call :
        List.of(
            new String[] {"GET", ""},
            new String[] {"POST", "/enable"},
            new String[] {"POST", "/run"},
            new String[] {"POST", "/stop"},
            new String[] {"GET", "/logs"},
            new String[] {"GET", "/files/a.txt"},
            new String[] {"GET", "/sync"},
            new String[] {"POST", "/sync"})) {
      var response = fixture.call(call[0], "/tasks/" + id + call[1], ServerFixture.BOB, "{}");
      assertThat(response.statusCode()).as(call[0] + call[1]).isEqualTo(404);
    }
    assertThat(fixture.call("GET", "/tasks", ServerFixture.BOB, null).body()).isEqualTo("[]");
    assertThat(fixture.call("GET", "/tasks", null, null).statusCode()).isEqualTo(401);
    var taken =
        fixture.call(
            "PUT",
            "/tasks/" + id,
            ServerFixture.BOB,
            TaskClient.spec("0 3 * * *", "true", Map.of()));
    assertThat(taken.statusCode()).isEqualTo(409);
  }

  @Test
  void aJobRunsInAFreshCopyOfTheCacheAndWhatItCreatesOrChangesIsWrittenBack() throws Exception {
    // Given: a cache with two files
    String id =
        tasks.create(
            "0 3 * * *",
            "cat input.txt; echo \"$GREETING $OMEGA_TASK_ID $OMEGA_JOB_ID\";"
                + " ls gone.txt; rm gone.txt; mkdir -p out; echo result > out/result.txt;"
                + " echo more >> input.txt",
            Map.of("GREETING", "hello"));
    try (HttpPlatform client = tasks.client()) {
      var cache = tasks.files(client, id);
      Snapshot local = Snapshot.of(List.of(entry("input.txt", "in\n"), entry("gone.txt", "x")));
      SyncSession session = cache.plan(local);
      cache.upload(entry("input.txt", "in\n"), new ByteArrayInputStream("in\n".getBytes()));
      cache.upload(entry("gone.txt", "x"), new ByteArrayInputStream("x".getBytes()));
      cache.commit(session.syncId());
      // When: two jobs, one after the other
      Dtos.Task started = tasks.post(id, "run");
      assertThat(started.latestJob().status()).isEqualTo("RUNNING");
      assertThat(started.latestJob().trigger()).isEqualTo("manual");
      Dtos.Job first = tasks.awaitStopped(id);
      tasks.post(id, "run");
      Dtos.Job second = tasks.awaitStopped(id);
      // Then: each saw the cache afresh (gone.txt again: deletions are not written back)
      List<String> log = tasks.log(id);
      assertThat(log).contains("in", "hello " + id + " " + first.id(), "in", "more");
      assertThat(log).contains("hello " + id + " " + second.id());
      assertThat(log).filteredOn(l -> l.equals("gone.txt")).hasSize(2);
      assertThat(first.exitCode()).isZero();
      // and the next sync brings the outputs: a new file, and the changed one (the cache wins)
      SyncSession next = cache.plan(local);
      assertThat(next.plan().download())
          .extracting(FileEntry::path)
          .containsExactlyInAnyOrder("input.txt", "out/result.txt");
      assertThat(text(cache.download(next.plan().download().get(0))))
          .isIn("in\nmore\nmore\n", "result\n");
      assertThat(next.plan().upload()).isEmpty();
    }
    // and of the jobs' folders one is left, emptied, for the next job
    Path jobs = data.resolve("tasks/" + id + "/jobs");
    ServerFixture.await(
        "the jobs' folders to go", () -> List.of(jobs.toFile().list()).equals(List.of(".spare")));
    assertThat(jobs.resolve(".spare").toFile().list()).containsExactly("exit-code");
  }

  @Test
  void theLogsPageThroughEveryJobWithOffsetsThatNeverRestart() {
    // Given: two jobs, the second leaving its last line without a newline
    String id = tasks.create("0 3 * * *", "echo a1; echo a2", Map.of());
    tasks.post(id, "run");
    tasks.awaitStopped(id);
    tasks.post(id, "run");
    tasks.awaitStopped(id);
    // When: read two lines a page
    List<Dtos.LogLine> lines = tasks.logLines(id, 2);
    // Then
    for (int i = 0; i < lines.size(); i++) {
      assertThat(lines.get(i).offset()).isEqualTo(i);
    }
    List<String> text = lines.stream().map(Dtos.LogLine::text).toList();
    assertThat(text).hasSize(8);
    assertThat(text.get(0)).startsWith("--- omega: job ").contains("(manual run)");
    assertThat(text.subList(1, 3)).containsExactly("a1", "a2");
    assertThat(text.get(3)).contains("ended at").contains("with exit status 0");
    assertThat(text.subList(5, 7)).containsExactly("a1", "a2");
  }

  @Test
  void aPartialLastLineStaysItsOwnLineAndTheExitStatusFollows() {
    String id = tasks.create("0 3 * * *", "echo first; printf 'no newline'; exit 3", Map.of());
    tasks.post(id, "run");
    assertThat(tasks.awaitStopped(id).exitCode()).isEqualTo(3);
    List<String> log = tasks.log(id);
    assertThat(log).hasSize(4);
    assertThat(log.subList(1, 3)).containsExactly("first", "no newline");
    assertThat(log.get(3)).contains("with exit status 3");
  }

  @Test
  void runWhileAJobRunsIsAConflictAndStopEndsItsWholeGroup() {
    String id = tasks.create("0 3 * * *", "sleep 300 & sleep 300 & wait", Map.of());
    tasks.post(id, "run");
    assertThat(tasks.call("POST", "/tasks/" + id + "/run", null).statusCode()).isEqualTo(409);
    Dtos.Task stopped = tasks.post(id, "stop");
    assertThat(stopped.latestJob().status()).isEqualTo("STOPPED");
    assertThat(stopped.latestJob().exitCode()).isEqualTo(143);
    assertThat(stopped.latestJob().endedAt()).isNotNull();
    assertThat(tasks.post(id, "stop").latestJob()).isEqualTo(stopped.latestJob());
  }

  @Test
  void afterARestartARunningJobIsAdoptedAndItsLogGoesOn() {
    // Given
    String id =
        tasks.create(
            "0 3 * * *",
            "i=0; while true; do i=$((i+1)); echo tick $i; sleep 0.05; done",
            Map.of());
    Dtos.Job running = tasks.post(id, "run").latestJob();
    ServerFixture.await("output", () -> tasks.log(id).size() > 2);
    // When: the server goes away and comes back on the same data folder
    fixture.server.close();
    fixture.start();
    // Then
    Dtos.Job adopted = tasks.task(id).latestJob();
    assertThat(adopted).isEqualTo(running);
    int before = tasks.log(id).size();
    ServerFixture.await("more output", () -> tasks.log(id).size() > before + 2);
    Dtos.Job stopped = tasks.post(id, "stop").latestJob();
    assertThat(stopped.status()).isEqualTo("STOPPED");
    assertThat(stopped.exitCode()).isEqualTo(143);
  }

  @Test
  void aJobThatEndsWhileTheServerIsDownIsRecordedWithItsExitCodeAndFiles() throws Exception {
    // Given: a job that outlives the server
    String id =
        tasks.create("0 3 * * *", "sleep 0.5; echo late > late.txt; echo done; exit 4", Map.of());
    Dtos.Job job = tasks.post(id, "run").latestJob();
    fixture.server.close();
    Path exitFile = data.resolve("tasks/" + id + "/jobs/" + job.id() + "/exit-code");
    ServerFixture.await("the job to end without its server", () -> Files.exists(exitFile));
    // When
    fixture.start();
    // Then
    Dtos.Job ended = tasks.awaitStopped(id);
    assertThat(ended.exitCode()).isEqualTo(4);
    assertThat(tasks.log(id)).contains("done");
    try (HttpPlatform client = tasks.client()) {
      assertThat(tasks.files(client, id).plan(Snapshot.empty()).plan().download())
          .extracting(FileEntry::path)
          .containsExactly("late.txt");
    }
  }
}
