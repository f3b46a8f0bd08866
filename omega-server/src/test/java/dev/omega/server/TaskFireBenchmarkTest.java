package dev.omega.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omega.api.Dtos;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * 1,000 ON tasks due in the same minute all fire within the minute, as real processes. A benchmark
 * rather than a test of every build (it starts 1,000 jobs): run it with {@code
 * -Domega.benchmark=true -Dtest=TaskFireBenchmarkTest}. It prints the lag.
 */
@EnabledIfSystemProperty(named = "omega.benchmark", matches = "true")
class TaskFireBenchmarkTest {
  private static final int TASKS = 1000;

  @TempDir Path data;
  private ServerFixture fixture;

  @AfterEach
  void stopServer() {
    if (fixture != null) {
      fixture.close();
    }
  }

  private Dtos.Task[] list() {
    return TaskClient.read(
        fixture.call("GET", "/tasks", ServerFixture.ALICE, null).body(), Dtos.Task[].class);
  }

  @Test
  void aThousandTasksDueInTheSameMinuteAllStartWithinIt() {
    // Given
    TestClock clock = TestClock.frozenAt("2030-01-01T12:00:30Z");
    fixture = new ServerFixture(data, clock);
    TaskClient tasks = new TaskClient(fixture);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < TASKS; i++) {
      String id = tasks.create("* * * * *", "echo job " + i, Map.of());
      tasks.post(id, "enable");
      ids.add(id);
    }
    // When
    long fired = System.nanoTime();
    clock.advance(Duration.ofSeconds(30));
    // Then
    long[] allStarted = new long[1];
    ServerFixture.await(
        "every task to start its job",
        Duration.ofSeconds(60),
        () -> {
          boolean all =
              Arrays.stream(list())
                  .allMatch(t -> t.latestJob() != null && t.latestJob().startedAt() != null);
          allStarted[0] = System.nanoTime();
          return all;
        });
    Duration startLag = Duration.ofNanos(allStarted[0] - fired);
    ServerFixture.await(
        "every job to end",
        Duration.ofSeconds(120),
        () ->
            Arrays.stream(list())
                .allMatch(t -> t.latestJob() != null && t.latestJob().status().equals("STOPPED")));
    Duration endLag = Duration.ofNanos(System.nanoTime() - fired);
    System.out.printf(
        "%d tasks due at once: all jobs started within %d ms, all recorded as ended within %d ms%n",
        TASKS, startLag.toMillis(), endLag.toMillis());
    assertThat(startLag).isLessThan(Duration.ofMinutes(1));
    assertThat(list()).allSatisfy(t -> assertThat(t.latestJob().exitCode()).isZero());
  }
}
