package dev.omega.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The built CLI (through {@code bin/omega}) started as a separate process without waiting for it,
 * as {@link CliProcess} runs it otherwise: its output goes to files the test reads while it runs,
 * and {@link #interrupt} sends it SIGINT by its PID, as Ctrl+C on a terminal would.
 *
 * <p>A process inherits ignored signals across exec, and a JVM keeps an ignored SIGINT ignored (its
 * handler is then never installed): a test JVM started in the background of a non-interactive shell
 * would pass that on. So the CLI is started through {@code env --default-signal=INT}, which execs
 * it with SIGINT at its default disposition (same PID), where {@code env} has that option (GNU
 * coreutils 8.31 and later).
 */
final class StartedCli implements AutoCloseable {
  private final Process process;
  private final String description;
  private final Path out;
  private final Path err;

  private StartedCli(Process process, String description, Path out, Path err) {
    this.process = process;
    this.description = description;
    this.out = out;
    this.err = err;
  }

  static StartedCli start(Path omegaHome, Path project, String... args) throws IOException {
    return start(omegaHome, project, Map.of(), args);
  }

  /** {@link #start(Path, Path, String...)} with more environment variables. */
  static StartedCli start(
      Path omegaHome, Path project, Map<String, String> extraEnv, String... args)
      throws IOException {
    List<String> command = CliProcess.cli(project, args);
    Path out = Files.createTempFile("omega-out", ".txt");
    Path err = Files.createTempFile("omega-err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    Process process = CliProcess.withEnvironment(builder, omegaHome, extraEnv).start();
    return new StartedCli(process, "omega " + String.join(" ", args), out, err);
  }

  Process process() {
    return process;
  }

  /**
   * True once {@code marker} is in {@code times} lines of what it printed (stdout and stderr),
   * empty while not yet, for {@link Projects#poll}; fails when the CLI ended first.
   */
  Optional<Boolean> printed(String marker, int times) throws IOException {
    String all = out() + err();
    if (all.lines().filter(line -> line.contains(marker)).count() >= times) {
      return Optional.of(true);
    }
    if (!process.isAlive()) {
      throw new AssertionError("the CLI ended first; stderr:\n" + err());
    }
    return Optional.empty();
  }

  /** {@link #printed(String, int)} once. */
  Optional<Boolean> printed(String marker) throws IOException {
    return printed(marker, 1);
  }

  /** What it wrote to stdout so far. */
  String out() throws IOException {
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  /** What it wrote to stderr so far. */
  String err() throws IOException {
    return Files.readString(err, StandardCharsets.UTF_8);
  }

  /** Ctrl+C: SIGINT to this process, by its PID. */
  void interrupt() throws IOException, InterruptedException {
    Process kill =
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid()))
            .redirectErrorStream(true)
            .start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new AssertionError(
          "kill -INT "
              + process.pid()
              + " failed: "
              + new String(kill.getInputStream().readAllBytes()));
    }
  }

  /** Waits for the process to end, at most {@code limit}; how it ended. */
  CliProcess.Result await(Duration limit) throws IOException, InterruptedException {
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(
          description
              + " did not end within "
              + limit.toSeconds()
              + " s; stderr so far:\n"
              + err());
    }
    return new CliProcess.Result(process.exitValue(), out(), err());
  }

  /** Ends the process if it still runs (a failed test), and deletes its output files. */
  @Override
  public void close() throws IOException, InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    Files.deleteIfExists(out);
    Files.deleteIfExists(err);
  }
}
