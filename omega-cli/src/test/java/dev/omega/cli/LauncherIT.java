package dev.omega.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher a user runs ({@code bin/omega}): the JVM flags it picks per command start a JVM that
 * works, and print nothing of the JVM's own unless asked to.
 */
class LauncherIT {
  private static final Path LAUNCHER = Path.of("..", "bin", "omega").toAbsolutePath().normalize();

  @TempDir Path home;
  @TempDir Path project;

  @Test
  void aSyncThroughTheLauncherHashesUploadsAndPrintsOnlyOmegasLines() throws Exception {
    // Given: a project whose agent runs, and a new file in it
    Files.writeString(project.resolve("data.csv"), "1,2\n".repeat(100_000));
    try (CliOnLocalPlatform cli = new CliOnLocalPlatform(home, project)) {
      CliProcess.ok(launch(Map.of(), "config", "--job-type", "job", "--command", "true"));
      CliProcess.ok(launch(Map.of(), "run", "--detach"));
      Files.writeString(project.resolve("more.csv"), "3,4\n");

      // When
      CliProcess.Result sync = CliProcess.ok(launch(Map.of(), "sync"));

      // Then: Omega's progress lines go to stderr, the JVM's own lines to stdout
      assertThat(sync.err()).contains("1 uploaded");
      assertThat(sync.out() + sync.err()).doesNotContainIgnoringCase("directive");
      assertThat(CliProcess.ok(launch(Map.of(), "sync")).err()).contains("already in sync");
      assertThat(CliProcess.ok(launch(Map.of(), "inspect")).out()).contains("application: JOB");
    }
  }

  @Test
  void theJvmReadsTheLaunchersCompilerDirectivesForASync() throws Exception {
    // Given
    try (CliOnLocalPlatform cli = new CliOnLocalPlatform(home, project)) {
      CliProcess.ok(launch(Map.of(), "config", "--job-type", "job", "--command", "true"));
      CliProcess.ok(launch(Map.of(), "run", "--detach"));

      // When: the JVM's own output shown
      CliProcess.Result sync = CliProcess.ok(launch(Map.of("OMEGA_JVM_OUTPUT", "1"), "sync"));

      // Then
      assertThat(sync.out()).contains("2 compiler directives added");
    }
  }

  @Test
  void versionThroughTheLauncherNamesOmega() throws Exception {
    // When / Then
    assertThat(CliProcess.ok(launch(Map.of(), "--version")).out()).startsWith("omega ");
  }

  /** {@code bin/omega --dir PROJECT args}, with this JVM's JDK and no start-up archive made. */
  private CliProcess.Result launch(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
    if (!(args.length == 1 && args[0].equals("--version"))) {
      command.addAll(List.of("--dir", project.toString()));
    }
    command.addAll(List.of(args));
    Path out = Files.createTempFile("omega-out", ".txt");
    Path err = Files.createTempFile("omega-err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    builder.environment().put("OMEGA_HOME", home.toString());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("OMEGA_NO_CDS", "1");
    builder.environment().remove("OMEGA_API_KEY");
    builder.environment().remove("OMEGA_JVM_OUTPUT");
    builder.environment().putAll(env);
    Process process = builder.start();
    try {
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        throw new AssertionError("bin/omega " + String.join(" ", args) + " ran past 120 s");
      }
      return new CliProcess.Result(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      process.destroyForcibly();
      Files.delete(out);
      Files.delete(err);
    }
  }
}
