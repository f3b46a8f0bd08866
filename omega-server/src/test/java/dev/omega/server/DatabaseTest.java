package dev.omega.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
  @TempDir Path dir;

  @Test
  void savesAskedForAtOnceFromManyThreadsAllLandEachTaskWithItsLastRow() throws Exception {
    // Given: 40 threads, each saving its own task 25 times, one job per save
    try (Database db = Database.open(dir.resolve("omega.db"));
        ExecutorService threads = Executors.newFixedThreadPool(40)) {
      List<Future<?>> saves = new ArrayList<>();
      for (int t = 0; t < 40; t++) {
        String task = "task-" + t;
        saves.add(
            threads.submit(
                () -> {
                  for (int n = 0; n < 25; n++) {
                    db.putTasks(
                        List.of(
                            new Database.TaskRow(
                                task, "alice", task + " v" + n, task + "-job-" + n, "job " + n)));
                  }
                }));
      }

      // When
      for (Future<?> save : saves) {
        save.get();
      }

      // Then: saves of one task are applied in the order they were asked for
      assertThat(db.tasks()).hasSize(40).allMatch(record -> record.endsWith(" v24"));
      assertThat(db.latestJobs()).hasSize(40).containsValue("job 24").doesNotContainValue("job 23");
    }
  }

  @Test
  void aSaveAskedForWhileAnotherCommitsIsCommittedOnceThatOneIsDone() throws Exception {
    try (Database db = Database.open(dir.resolve("omega.db"))) {
      // Given: a save whose commit waits for the connection, which this test holds
      CompletableFuture<Void> first = new CompletableFuture<>();
      CompletableFuture<Void> second = new CompletableFuture<>();
      synchronized (db) {
        saveOnADaemonThread(db, "a", first);
        ServerFixture.await(
            "the first commit to wait for the connection",
            () -> db.writer.getState() == Thread.State.BLOCKED);

        // When: another save is asked for meanwhile
        Thread secondSaver = saveOnADaemonThread(db, "b", second);
        ServerFixture.await(
            "the second save to wait", () -> secondSaver.getState() == Thread.State.WAITING);
        assertThat(second).isNotDone();
      }

      // Then: it is committed next
      first.get(10, TimeUnit.SECONDS);
      second.get(10, TimeUnit.SECONDS);
      assertThat(db.tasks()).containsExactlyInAnyOrder("a v1", "b v1");
    }
  }

  @Test
  void aSaveAskedForOnceTheDatabaseClosedIsRefusedNotLeftWaiting() {
    Database db = Database.open(dir.resolve("omega.db"));
    db.close();

    assertThatThrownBy(
            () -> db.putTasks(List.of(new Database.TaskRow("a", "alice", "a v1", null, null))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the database is closed");
  }

  /** Saves one task on a thread that cannot keep the tests from ending if it never returns. */
  private static Thread saveOnADaemonThread(
      Database db, String task, CompletableFuture<Void> saved) {
    return Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              db.putTasks(List.of(new Database.TaskRow(task, "alice", task + " v1", null, null)));
              saved.complete(null);
            });
  }

  @Test
  void rowsSavedTogetherAreReadBackTogether() {
    // Given
    try (Database db = Database.open(dir.resolve("omega.db"))) {
      // When
      db.putTasks(
          List.of(
              new Database.TaskRow("a", "alice", "a v1", "a-job", "job a"),
              new Database.TaskRow("b", "alice", "b v1", null, null)));

      // Then
      assertThat(db.tasks()).containsExactly("a v1", "b v1");
      assertThat(db.latestJobs()).containsOnlyKeys("a");
    }
  }
}
