package dev.omega.cli;

import static dev.omega.cli.Projects.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built CLI on one project, against the local platform of its own OMEGA_HOME, with the commands
 * a test started in the background. Closing it ends those commands, stops the project (its agent
 * and task), then the local platform.
 */
final class CliOnLocalPlatform implements AutoCloseable {
  final Path home;
  final Path project;
  final CliProcess omega;
  private final List<StartedCli> started = new ArrayList<>();

  CliOnLocalPlatform(Path home, Path project) {
    this.home = home;
    this.project = project;
    this.omega = new CliProcess(home, Map.of());
  }

  /** Runs {@code omega args} in the project to its end. */
  CliProcess.Result run(String... args) throws IOException, InterruptedException {
    return omega.run(project, args);
  }

  /** Starts {@code omega args} in the project without waiting for it. */
  StartedCli start(String... args) throws IOException {
    StartedCli cli = StartedCli.start(home, project, args);
    started.add(cli);
    return cli;
  }

  /** {@code inspect --all}: the platform holds exactly one agent, the one the project recorded. */
  void assertSingleAgent() throws Exception {
    Matcher recorded =
        Pattern.compile("(?m)^agent_id: (\\S+)$")
            .matcher(CliProcess.ok(run("config", "--show")).out());
    assertThat(recorded.find()).as("an agent_id in the configuration").isTrue();
    JsonNode all = json(run("inspect", "--all", "--json"));
    assertThat(all.path("agents")).hasSize(1);
    assertThat(all.path("agents").get(0).path("id").asText()).isEqualTo(recorded.group(1));
  }

  @Override
  public void close() throws Exception {
    for (StartedCli cli : started) {
      cli.close();
    }
    if (Files.exists(project.resolve(".omega/config.yaml"))) {
      run("stop", "--yes");
    }
    run("server", "stop");
  }
}
