package dev.omega.server.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobLauncherTest {
  @TempDir Path dir;

  @Test
  void aJobWhoseWorkspaceIsGoneWhenItStartsSaysSoInItsLogAndEndsWith127() throws Exception {
    // Given: a workspace removed after the runtime's own check, as a race would
    Path log = dir.resolve("job.log");
    Path exit = dir.resolve("job.exit");
    Path gone = dir.resolve("gone");

    // When
    JobLauncher.Started started =
        new JobLauncher("perl").start(gone, "echo never", log, exit, Map.of());

    // Then
    assertThat(started.pid()).isPositive();
    await("the exit code")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> Files.exists(exit));
    assertThat(Files.readString(exit, UTF_8).trim()).isEqualTo("127");
    assertThat(Files.readString(log, UTF_8))
        .contains("the job could not start")
        .contains("cannot enter " + gone)
        .doesNotContain("never");
  }
}
