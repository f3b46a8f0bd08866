package dev.omega.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omega.api.Wire;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The real CLI ({@code bin/omega}) against the real local server under the bench's OMEGA_HOME. */
final class Omega {
  /** The local server as {@code omega server status --json} describes it. */
  record Server(URI url, long pid, String token) {}

  private final Path launcher;
  private final Shell shell;

  Omega(Path launcher, Shell shell) {
    this.launcher = launcher;
    this.shell = shell;
  }

  List<String> command(Path project, String... args) {
    List<String> command =
        new ArrayList<>(List.of(launcher.toString(), "--dir", project.toString()));
    command.addAll(List.of(args));
    return command;
  }

  /** The launcher with {@code args} alone, no {@code --dir}. */
  List<String> bare(String... args) {
    List<String> command = new ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(args));
    return command;
  }

  Shell.Result run(Path project, String... args) throws IOException, InterruptedException {
    return shell.run(project, command(project, args));
  }

  /** A project whose one-time job agent exists and is idle: what {@code omega sync} syncs with. */
  void newProject(Path project) throws IOException, InterruptedException {
    Files.createDirectories(project);
    run(project, "config", "--job-type", "job", "--command", "true");
    run(project, "run", "--detach");
  }

  Server startServer(Path anywhere) throws IOException, InterruptedException {
    shell.run(anywhere, List.of(launcher.toString(), "server", "start"));
    JsonNode status =
        Wire.JSON.readTree(
            shell.run(anywhere, List.of(launcher.toString(), "server", "status", "--json")).out());
    return new Server(
        URI.create(status.get("url").asText()),
        status.get("pid").asLong(),
        Files.readString(Path.of(status.get("token_file").asText())).strip());
  }

  void stopServer(Path anywhere) throws IOException, InterruptedException {
    shell.runAllowingFailure(anywhere, List.of(launcher.toString(), "server", "stop"));
  }

  /** The agent id the project's configuration names. */
  static String agentId(Path project) throws IOException {
    for (String line : Files.readAllLines(project.resolve(".omega/config.yaml"))) {
      if (line.startsWith("agent_id:")) {
        return line.substring("agent_id:".length()).strip();
      }
    }
    throw new IllegalStateException(project + " has no agent yet");
  }
}
