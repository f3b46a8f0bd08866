package dev.omega.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Ctrl+C as a real signal to a real process. */
class CtrlCTest {
  @Test
  void theFirstCtrlCInterruptsTheCommandAndTheSecondEndsTheProcessAtOnceWithCode130()
      throws Exception {
    // Given: a process whose work goes on after an interrupt
    List<String> command = new ArrayList<>();
    if (new ProcessBuilder("env", "--default-signal=INT", "true").start().waitFor() == 0) {
      command.addAll(List.of("env", "--default-signal=INT")); // see StartedCli
    }
    command.addAll(
        List.of(
            ProcessHandle.current().info().command().orElse("java"),
            "-cp",
            System.getProperty("java.class.path"),
            CtrlCProbe.class.getName()));
    Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).isEqualTo("ready");
      // When: Ctrl+C once
      signal(probe);
      // Then: the command was interrupted, the process lives on
      assertThat(out.readLine()).isEqualTo("interrupted, still working");
      assertThat(probe.isAlive()).isTrue();
      // When: Ctrl+C again
      signal(probe);
      // Then
      assertThat(probe.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(probe.exitValue()).isEqualTo(130);
    } finally {
      probe.destroyForcibly();
    }
  }

  private static void signal(Process process) throws Exception {
    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).isZero();
  }
}
