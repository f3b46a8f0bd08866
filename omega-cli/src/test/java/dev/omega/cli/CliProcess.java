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

/**
 * The built CLI run as a separate process through its launcher ({@code bin/omega}, as a user runs
 * it: the launcher's JVM flags and start-up archive), with its own OMEGA_HOME.
 */
final class CliProcess {
  static final Path LAUNCHER = Path.of("..", "bin", "omega").toAbsolutePath().normalize();

  /** How one run ended. */
  record Result(int exitCode, String out, String err) {}

  /** {@code result}, once it is checked to have ended with exit code 0. */
  static Result ok(Result result) {
    assertThat(result.exitCode()).as("exit code; stderr:\n%s", result.err()).isZero();
    return result;
  }

  private static final boolean ENV_RESETS_SIGNALS = envResetsSignals();
  private static boolean launcherPrepared;

  private final Path omegaHome;
  private final Map<String, String> extraEnv;

  CliProcess(Path omegaHome, Map<String, String> extraEnv) {
    this.omegaHome = omegaHome;
    this.extraEnv = extraEnv;
  }

  Result run(Path project, String... args) throws IOException, InterruptedException {
    return run(
        project,
        ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()),
        cli(project, args),
        args);
  }

  /** Runs the CLI with {@code stdin} as its standard input (a pipe, not a terminal). */
  Result runWithInput(Path project, String stdin, String... args)
      throws IOException, InterruptedException {
    Path typed = Files.createTempFile("omega-in", ".txt");
    Files.writeString(typed, stdin);
    try {
      return run(project, ProcessBuilder.Redirect.from(typed.toFile()), cli(project, args), args);
    } finally {
      Files.delete(typed);
    }
  }

  /**
   * Runs the CLI on a pseudo-terminal ({@code script} from util-linux), typing {@code input}: what
   * a user at a terminal sees lands in {@link Result#out()}, the typed input echoed.
   */
  Result runOnTerminal(Path project, String input, String... args)
      throws IOException, InterruptedException {
    StringBuilder line = new StringBuilder();
    for (String arg : cli(project, args)) {
      line.append('\'').append(arg.replace("'", "'\\''")).append("' ");
    }
    Path typed = Files.createTempFile("omega-in", ".txt");
    Files.writeString(typed, input);
    try {
      return run(
          project,
          ProcessBuilder.Redirect.from(typed.toFile()),
          List.of("script", "--quiet", "--return", "--command", line.toString(), "/dev/null"),
          args);
    } finally {
      Files.delete(typed);
    }
  }

  /**
   * The command line that runs the built CLI. It starts through {@code env --default-signal=INT}
   * where {@code env} has that option (GNU coreutils 8.31 and later): a test run from a background
   * shell inherits SIGINT ignored, and the JVM would keep it so, where a user's Ctrl+C does reach
   * the CLI.
   */
  static List<String> cli(Path project, String... args) throws IOException {
    prepareTheLauncher();
    List<String> command = new ArrayList<>();
    if (ENV_RESETS_SIGNALS) {
      command.add("env");
      command.add("--default-signal=INT");
    }
    command.add(LAUNCHER.toString());
    command.add("--dir");
    command.add(project.toString());
    command.addAll(List.of(args));
    return command;
  }

  /** Runs {@code command}, another way to start the CLI (its launcher), as {@link #run} does. */
  Result runCommand(Path project, List<String> command) throws IOException, InterruptedException {
    return run(
        project,
        ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()),
        command,
        command.toArray(String[]::new));
  }

  private Result run(
      Path project, ProcessBuilder.Redirect input, List<String> command, String... args)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("omega-out", ".txt");
    Path err = Files.createTempFile("omega-err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(input);
    Process process = withEnvironment(builder, omegaHome, extraEnv).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("omega " + String.join(" ", args) + " did not end within 120 s");
    }
    Result result =
        new Result(
            process.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
    Files.delete(out);
    Files.delete(err);
    return result;
  }

  /**
   * The environment of a CLI process: its OMEGA_HOME, this JVM's JDK for the launcher, and none of
   * the test's own settings that change what the CLI or its launcher do.
   */
  static ProcessBuilder withEnvironment(
      ProcessBuilder builder, Path omegaHome, Map<String, String> extraEnv) {
    builder.environment().put("OMEGA_HOME", omegaHome.toString());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    for (String setting : List.of("OMEGA_API_KEY", "OMEGA_NO_CDS", "OMEGA_JVM_OUTPUT")) {
      builder.environment().remove(setting);
    }
    builder.environment().putAll(extraEnv);
    return builder;
  }

  /**
   * Has the launcher make its start-up archive for this build once, before the first test's
   * command, which would otherwise pay for it and print that it does.
   */
  private static synchronized void prepareTheLauncher() throws IOException {
    if (launcherPrepared) {
      return;
    }
    ProcessBuilder version =
        new ProcessBuilder(LAUNCHER.toString(), "--version")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Path home = Files.createTempDirectory("omega-launcher-");
    try {
      Process process = withEnvironment(version, home, Map.of()).start();
      if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IOException("bin/omega --version failed or did not end within 300 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while the launcher prepared its start-up archive", e);
    } finally {
      Files.delete(home);
    }
    // The launcher goes on without an archive when its training fails: every test's command would
    // then train again, slowly, and print that it does.
    Path jar = Path.of("target/omega.jar");
    Path archive = launcherArchive(jar);
    if (!Files.exists(archive)
        || Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) <= 0) {
      throw new IOException("bin/omega made no start-up archive " + archive.toAbsolutePath());
    }
    launcherPrepared = true;
  }

  /** The launcher's own start-up archive beside {@code jar}, named by the JDK as it names it. */
  static Path launcherArchive(Path jar) {
    return jar.resolveSibling(Runtime.version().feature() >= 25 ? "omega.aot" : "omega.jsa");
  }

  private static boolean envResetsSignals() {
    try {
      Process probe =
          new ProcessBuilder("env", "--default-signal=INT", "true")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
