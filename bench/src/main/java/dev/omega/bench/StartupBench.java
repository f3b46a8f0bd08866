package dev.omega.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CLI start-up: {@code omega --version} and {@code omega inspect} against a running local server,
 * each next to {@code java -version} of the same JVM (the floor any Java CLI starts from),
 * alternating.
 */
final class StartupBench {
  private final Shell shell;
  private final Omega omega;
  private final Path java;
  private final PrintStream progress;

  StartupBench(Shell shell, Omega omega, Path java, PrintStream progress) {
    this.shell = shell;
    this.omega = omega;
    this.java = java;
    this.progress = progress;
  }

  void run(Path project, int runs, Table table) throws IOException, InterruptedException {
    List<Double> version = new ArrayList<>();
    List<Double> inspect = new ArrayList<>();
    List<Double> javaVersion = new ArrayList<>();
    List<String> javaCommand = List.of(java.toString(), "-version");
    // As a user types it: `omega --version` needs no project.
    List<String> versionCommand = omega.bare("--version");
    // One of each first, unmeasured: the first run after a build writes caches (the AOT cache).
    shell.run(project, versionCommand);
    shell.run(project, omega.command(project, "inspect"));
    for (int i = 0; i < runs; i++) {
      javaVersion.add(shell.run(project, javaCommand).seconds());
      version.add(shell.run(project, versionCommand).seconds());
      inspect.add(shell.run(project, omega.command(project, "inspect")).seconds());
    }
    Sample floor = new Sample(javaVersion);
    table.add(
        Row.ratio("omega --version vs java -version", new Sample(version), floor, 2.0), progress);
    table.add(
        Row.seconds("omega inspect (wall) vs java -version", new Sample(inspect), floor, 0.4),
        progress);
  }
}
