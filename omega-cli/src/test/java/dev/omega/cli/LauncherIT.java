package dev.omega.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher a user runs ({@code bin/omega}): the JVM flags it picks per command start a JVM that
 * works, and print nothing of the JVM's own unless asked to.
 */
class LauncherIT {
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
  void theLocalServerMapsTheArchiveTheLaunchersTrainingMadeForIt() throws Exception {
    // Given: the launcher's training done (CliProcess has it done before the first command)
    CliProcess omega = new CliProcess(home, Map.of());
    Path jar = Path.of("target/omega.jar").toAbsolutePath();
    Path archive =
        new ServerArchive(Optional.of(jar), Runtime.version().feature()).file().orElseThrow();
    try (CliOnLocalPlatform cli = new CliOnLocalPlatform(home, project)) {
      // When
      CliProcess.ok(omega.run(project, "server", "start"));

      // Then: the server that answers has the archive mapped into its memory
      assertThat(archive).exists();
      long pid =
          Projects.json(omega.run(project, "server", "status", "--json")).path("pid").asLong();
      assertThat(Files.readString(Path.of("/proc", Long.toString(pid), "maps")))
          .contains(archive.toString());
    }
  }

  @Test
  void twoCommandsStartedTogetherAfterABuildPrepareTheStartUpOnceBetweenThem(@TempDir Path copy)
      throws Exception {
    // Given: the launcher and a jar newer than any archive, in a tree of their own
    Files.createDirectories(copy.resolve("bin"));
    Files.createDirectories(copy.resolve("omega-cli/target"));
    Path launcher = Files.copy(CliProcess.LAUNCHER, copy.resolve("bin/omega"));
    Files.copy(
        CliProcess.LAUNCHER.resolveSibling("omega-jit.json"), copy.resolve("bin/omega-jit.json"));
    Files.copy(Path.of("target/omega.jar"), copy.resolve("omega-cli/target/omega.jar"));

    // When: two commands at once
    List<Process> commands = new ArrayList<>();
    List<Path> errors = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Path err = copy.resolve("err-" + i);
      errors.add(err);
      ProcessBuilder builder =
          new ProcessBuilder(launcher.toString(), "--version")
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(err.toFile());
      commands.add(CliProcess.withEnvironment(builder, home, Map.of()).start());
    }
    for (Process command : commands) {
      assertThat(command.waitFor(300, TimeUnit.SECONDS)).isTrue();
      assertThat(command.exitValue()).isZero();
    }

    // Then: one of them trained, the other waited for it
    long trainings = 0;
    for (Path err : errors) {
      trainings += Files.readString(err).lines().filter(l -> l.startsWith("Preparing")).count();
    }
    assertThat(trainings).isEqualTo(1);
    assertThat(CliProcess.launcherArchive(copy.resolve("omega-cli/target/omega.jar"))).exists();
  }

  @Test
  void versionThroughTheLauncherNamesOmega() throws Exception {
    // When / Then
    assertThat(CliProcess.ok(launch(Map.of(), "--version")).out()).startsWith("omega ");
  }

  /** {@code bin/omega --dir PROJECT args}, with this JVM's JDK and no start-up archive made. */
  private CliProcess.Result launch(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(CliProcess.LAUNCHER.toString()));
    if (!(args.length == 1 && args[0].equals("--version"))) {
      command.addAll(List.of("--dir", project.toString()));
    }
    command.addAll(List.of(args));
    Map<String, String> environment = new HashMap<>();
    environment.put("OMEGA_NO_CDS", "1");
    environment.put("OMEGA_JVM_OUTPUT", ""); // the launcher reads an empty value as unset
    environment.putAll(env);
    return new CliProcess(home, environment).runCommand(project, command);
  }
}
