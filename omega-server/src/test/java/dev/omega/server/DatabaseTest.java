package dev.omega.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
