package dev.omega.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The built CLI ({@code target/omega.jar}) run as a separate process, with its own OMEGA_HOME. */
final class CliProcess {
  /** How one run ended. */
  record Result(int exitCode, String out, String err) {}

  private final Path omegaHome;
  private final Map<String, String> extraEnv;

  CliProcess(Path omegaHome, Map<String, String> extraEnv) {
    this.omegaHome = omegaHome;
    this.extraEnv = extraEnv;
  }

  Result run(Path project, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-jar");
    command.add(Path.of("target/omega.jar").toAbsolutePath().toString());
    command.add("--dir");
    command.add(project.toString());
    command.addAll(List.of(args));
    Path out = Files.createTempFile("omega-out", ".txt");
    Path err = Files.createTempFile("omega-err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    builder.environment().put("OMEGA_HOME", omegaHome.toString());
    builder.environment().remove("OMEGA_API_KEY");
    builder.environment().putAll(extraEnv);
    Process process = builder.start();
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
}
