package dev.omega.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omega.api.Dtos;
import dev.omega.core.model.JobTrigger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that died between a fire and its job's start: the database holds the fire and a CREATED
 * job. The next server starts that job once, or, when its launch had begun, records it as not
 * started rather than risk running it twice.
 */
class TaskRecoveryTest {
  @TempDir Path data;
  private ServerFixture fixture;
  private TaskClient tasks;

  @AfterEach
  void stopServer() {
    if (fixture != null) {
      fixture.close();
    }
  }

  /** Leaves the state of a crash right after a fire was stored: its job CREATED, not started. */
  private String crashAfterAFire(String taskId) {
    String jobId = UUID.randomUUID().toString();
    Path jobDir = data.resolve("tasks/" + taskId + "/jobs/" + jobId);
    try (Database db = Database.open(data.resolve("omega.db"))) {
      String task = db.tasks().getFirst();
      JobRecord job =
          new JobRecord(
              jobId,
              JobTrigger.SCHEDULE,
              "schedule, for 2030-01-01T12:01:00Z",
              Instant.parse("2030-01-01T12:01:00Z"),
              jobDir);
      db.putTasks(
          List.of(new Database.TaskRow(taskId, "alice", task, jobId, Json.write(job.stored()))));
    }
    return jobId;
  }

  private void startWithATask() {
    fixture = new ServerFixture(data, TestClock.frozenAt("2030-01-01T12:01:00Z"));
    tasks = new TaskClient(fixture);
  }

  @Test
  void aJobThatWasFiredButNeverStartedStartsOnceAfterTheRestart() {
    // Given
    startWithATask();
    String id = tasks.create("0 3 * * *", "echo recovered $OMEGA_JOB_ID", Map.of());
    fixture.server.close();
    String jobId = crashAfterAFire(id);
    // When
    fixture.start();
    // Then
    Dtos.Job job = tasks.awaitStopped(id);
    assertThat(job.id()).isEqualTo(jobId);
    assertThat(job.trigger()).isEqualTo("schedule");
    assertThat(job.exitCode()).isZero();
    List<String> log = tasks.log(id);
    assertThat(log).filteredOn(l -> l.equals("recovered " + jobId)).hasSize(1);
    assertThat(log).filteredOn(l -> l.contains(" started at ")).hasSize(1);
  }

  @Test
  void aJobWhoseLaunchHadBegunIsRecordedAsNotStartedNeverRunTwice() throws IOException {
    // Given: the job's folder is there, the launch's first step, so the process may have started
    startWithATask();
    String id = tasks.create("0 3 * * *", "echo must not run twice", Map.of());
    fixture.server.close();
    String jobId = crashAfterAFire(id);
    Files.createDirectories(data.resolve("tasks/" + id + "/jobs/" + jobId));
    // When
    fixture.start();
    // Then
    Dtos.Job job = tasks.task(id).latestJob();
    assertThat(job.id()).isEqualTo(jobId);
    assertThat(job.status()).isEqualTo("STOPPED");
    assertThat(job.exitCode()).isNull();
    assertThat(tasks.log(id))
        .singleElement()
        .asString()
        .contains("did not start")
        .contains("the server stopped while it was starting");
  }
}
