package dev.omega.runtime.slurm;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.omega.runtime.LaunchSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run request's {@code launch.sh}, run with {@code /bin/sh} as the supervisor runs it. */
class LaunchScriptTest {
  @TempDir Path dir;

  private String run(LaunchSpec spec) throws Exception {
    Path script = dir.resolve("launch.sh");
    Files.writeString(script, LaunchScript.of(spec, "/usr/bin:/bin", "/home/omega"), UTF_8);
    Process sh =
        new ProcessBuilder("/bin/sh", script.toString())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    String out = new String(sh.getInputStream().readAllBytes(), UTF_8);
    assertThat(sh.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  @Test
  void theCommandRunsInItsWorkspaceWithExactlyItsEnvironmentQuotesAndAll() throws Exception {
    // Given
    Path workspace = Files.createDirectories(dir.resolve("it's a workspace"));
    LaunchSpec spec =
        new LaunchSpec(
            workspace,
            "printf '%s|%s|%s|%s\\n' \"$(pwd)\" \"$GREETING\" \"$HOME\" \"${SECRET-unset}\"; env |"
                + " sort | cut -d= -f1 | tr '\\n' ' '",
            Map.of("GREETING", "it's \"quoted\" $NOT_EXPANDED `nor this`"),
            dir.resolve("out.log"),
            dir.resolve("exit"));
    // When
    String out = run(spec);
    // Then
    assertThat(out)
        .startsWith(workspace + "|it's \"quoted\" $NOT_EXPANDED `nor this`|/home/omega|unset\n")
        .contains("GREETING HOME")
        .doesNotContain("SLURM");
  }

  @Test
  void aMissingWorkspaceEndsWith126BeforeTheCommandRuns() throws Exception {
    // Given
    LaunchSpec spec =
        new LaunchSpec(
            dir.resolve("gone"), "echo ran", Map.of(), dir.resolve("out.log"), dir.resolve("exit"));
    Path script = dir.resolve("launch.sh");
    Files.writeString(script, LaunchScript.of(spec, "/usr/bin:/bin", "/root"), UTF_8);
    // When
    Process sh = new ProcessBuilder("/bin/sh", script.toString()).redirectErrorStream(true).start();
    String out = new String(sh.getInputStream().readAllBytes(), UTF_8);
    // Then
    assertThat(sh.waitFor()).isEqualTo(126);
    assertThat(out).doesNotContain("ran");
  }
}
