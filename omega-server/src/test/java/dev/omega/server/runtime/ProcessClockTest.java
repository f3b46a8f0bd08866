package dev.omega.server.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProcessClockTest {
  @Test
  void aProcessJustStartedStartedNowToWithinTicksWhereBtimeIsOffByUpToASecond() throws Exception {
    // Given: a process started now
    Instant before = Instant.now();
    Process process = new ProcessBuilder("sleep", "5").start();
    try {
      Instant after = Instant.now();
      String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"), UTF_8);
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");

      // When
      Instant started = ProcessClock.startOf(Long.parseLong(fields[19]));

      // Then
      assertThat(started)
          .isBetween(before.minus(Duration.ofMillis(30)), after.plus(Duration.ofMillis(30)));
    } finally {
      process.destroyForcibly();
    }
  }
}
