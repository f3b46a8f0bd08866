package dev.omega.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omega.config.LocalProject;
import dev.omega.core.config.EnvType;
import dev.omega.core.flow.ConfigFlow;
import dev.omega.core.flow.RunFlow;
import dev.omega.core.flow.StopFlow;
import dev.omega.core.flow.SyncFlow;
import dev.omega.core.model.AgentStatus;
import dev.omega.core.model.JobType;
import dev.omega.core.port.Clock;
import dev.omega.core.port.Ports;
import dev.omega.core.procedure.Pacing;
import dev.omega.core.procedure.Procedures;
import dev.omega.http.HttpPlatform;
import dev.omega.server.OmegaServer;
import dev.omega.server.ServerSettings;
import dev.omega.server.runtime.LocalProcessRuntime;
import dev.omega.testkit.RecordingConsole;
import dev.omega.testkit.ScriptedPrompter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core's flows with every real piece: the project on disk, the HTTP client, the server, real
 * processes. What a user's {@code omega run} and {@code omega stop} do, minus the command line.
 */
class EndToEndFlowsTest {
  private static final String TOKEN = "end-to-end-token";

  @TempDir Path project;
  @TempDir Path data;
  private OmegaServer server;
  private HttpPlatform platform;
  private final ScriptedPrompter prompter = new ScriptedPrompter().answerAll(true);
  private final RecordingConsole console = new RecordingConsole();

  @BeforeEach
  void startServer() {
    server = OmegaServer.start(ServerSettings.local(data, 0, TOKEN), new LocalProcessRuntime());
    platform = HttpPlatform.connect(server.url(), Optional.of(TOKEN));
  }

  @AfterEach
  void stopServer() {
    for (var agent : platform.agents().list()) {
      platform.agents().kill(agent.id());
    }
    platform.close();
    server.close();
  }

  private Procedures procedures() {
    LocalProject local = LocalProject.at(project, Map.of());
    var store = local.configStore();
    var config = store.load().orElse(dev.omega.core.config.OmegaConfig.empty());
    return new Procedures(
        new Ports(
            platform.agents(),
            platform.tasks(),
            store,
            local.workspace(config),
            prompter,
            console,
            Clock.system()),
        Pacing.defaults());
  }

  @Test
  void aOneTimeJobRunsOnTheRealPlatformAndItsOutputComesHome() throws Exception {
    // Given: a project whose job reads its input and its env, and writes a result
    Files.writeString(project.resolve("input.txt"), "forty-two\n");
    Files.writeString(project.resolve(".env"), "ANSWER=42\n");
    Files.writeString(project.resolve(".gitignore"), "scratch/\n");
    Files.createDirectories(project.resolve("scratch"));
    Files.writeString(project.resolve("scratch/big.tmp"), "never shipped");
    new ConfigFlow(procedures())
        .apply(
            c ->
                c.toBuilder()
                    .jobType(JobType.JOB)
                    .command(
                        "cat input.txt; echo \"answer=$ANSWER\"; ls scratch 2>&1 | head -1; echo done > result.txt")
                    .computeSize("cpu-1")
                    .diskSize(1)
                    .envType(EnvType.FILE)
                    .envFile(".env")
                    .build());

    // When: run, following the job's logs to its end
    new RunFlow(procedures()).run(new RunFlow.Request(true));

    // Then: its output came through the live stream, in order
    assertThat(console.logLines()).startsWith("forty-two", "answer=42");
    assertThat(console.logLines().get(2)).contains("No such file");

    // When: stop, terminating the agent
    var stopped = new StopFlow(procedures()).run();

    // Then: the job's result came home, and the agent is gone
    assertThat(project.resolve("result.txt")).hasContent("done");
    assertThat(stopped.agent().orElseThrow().status()).isEqualTo(AgentStatus.DEAD);
    assertThat(stopped.agent().get().process().flatMap(p -> p.exitCode())).contains(0);
  }

  @Test
  void anApiServesUntilStoppedAndASecondSyncMovesNothing() throws Exception {
    // Given
    Files.writeString(project.resolve("index.html"), "<h1>hello</h1>");
    new ConfigFlow(procedures())
        .apply(
            c ->
                c.toBuilder()
                    .jobType(JobType.API)
                    .command("exec python3 -m http.server \"$PORT\" --bind 127.0.0.1")
                    .computeSize("cpu-1")
                    .diskSize(1)
                    .build());
    // When
    var outcome = new RunFlow(procedures()).run(new RunFlow.Request(false));
    // Then
    var agent = outcome.agent().orElseThrow();
    assertThat(agent.status()).isEqualTo(AgentStatus.BUSY);
    assertThat(agent.endpoint())
        .hasValueSatisfying(url -> assertThat(url).startsWith("http://127.0.0.1:"));
    var second = new SyncFlow(procedures()).run().agent().orElseThrow();
    assertThat(second.movedNothing()).isTrue();
    new StopFlow(procedures()).run();
    assertThat(platform.agents().inspect(agent.id()).orElseThrow().status())
        .isEqualTo(AgentStatus.DEAD);
  }
}
