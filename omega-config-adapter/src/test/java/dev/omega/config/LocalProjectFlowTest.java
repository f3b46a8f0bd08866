package dev.omega.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omega.core.flow.ConfigFlow;
import dev.omega.core.flow.RunFlow;
import dev.omega.core.flow.StopFlow;
import dev.omega.core.flow.SyncFlow;
import dev.omega.core.model.JobType;
import dev.omega.core.port.Ports;
import dev.omega.core.procedure.Pacing;
import dev.omega.core.procedure.Procedures;
import dev.omega.testkit.FakePlatform;
import dev.omega.testkit.ManualClock;
import dev.omega.testkit.RecordingConsole;
import dev.omega.testkit.ScriptedPrompter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The flows on a real project directory: this module's adapters with the fake platform. */
class LocalProjectFlowTest {
  @TempDir Path directory;

  private final ManualClock clock = new ManualClock();
  private final FakePlatform platform = new FakePlatform(clock);
  private final ScriptedPrompter prompter = new ScriptedPrompter().answerAll(true);
  private final RecordingConsole console = new RecordingConsole();

  private Procedures procedures() {
    LocalProject project = LocalProject.at(directory, Map.of());
    var store = project.configStore();
    var config = store.load().orElse(dev.omega.core.config.OmegaConfig.empty());
    return new Procedures(
        new Ports(
            platform.agents(),
            platform.tasks(),
            store,
            project.workspace(config),
            prompter,
            console,
            clock),
        Pacing.defaults());
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aProblemOfTheApplicationTypePointsAtTheLineOfItsKey() throws Exception {
    // Given
    Files.createDirectories(directory.resolve(".omega"));
    Files.writeString(
        directory.resolve(".omega/config.yaml"),
        "job_type: job\njob_schedule: '0 0 30 2 *'\ncompute_size: cpu-1\ndisk_size: 1\ncommand: x\n");
    // When / Then
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new RunFlow(procedures()).run(new RunFlow.Request(false)))
        .isInstanceOfSatisfying(
            dev.omega.core.config.InvalidConfigException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .satisfies(
                        p ->
                            assertThat(p.problem())
                                .startsWith(".omega/config.yaml line 2, column 1: ")
                                .contains("never fire")));
    assertThat(platform.callCount()).isZero();
  }

  @Test
  void dryRunSaysWhyEachPathIsLeftOut() throws Exception {
    Files.writeString(directory.resolve(".omegaignore"), "data/\n");
    Files.createDirectories(directory.resolve("data"));
    Files.writeString(directory.resolve("data/big.csv"), "1");
    Files.writeString(directory.resolve(".env"), "A=1");
    var config = dev.omega.core.config.OmegaConfig.empty().toBuilder().envFile(".env").build();
    assertThat(LocalProject.at(directory, Map.of()).leftOut(config))
        .containsOnlyKeys("data", ".env")
        .hasEntrySatisfying("data", why -> assertThat(why).contains(".omegaignore"));
  }

  @Test
  void aLabRunsSyncsAConflictIntoOmegasFolderAndStops() throws Exception {
    // Given: a project with an env file and an ignored build folder
    Files.writeString(directory.resolve("notebook.py"), "print(1)\n");
    Files.writeString(directory.resolve(".env"), "TOKEN=secret\n");
    Files.writeString(directory.resolve(".gitignore"), "build/\n");
    Files.createDirectories(directory.resolve("build"));
    Files.writeString(directory.resolve("build/cache.bin"), "x");
    new ConfigFlow(procedures())
        .apply(
            c ->
                c.toBuilder()
                    .jobType(JobType.LAB)
                    .computeSize("cpu-1")
                    .diskSize(5)
                    .envType(dev.omega.core.config.EnvType.FILE)
                    .envFile(".env")
                    .build());
    // When: run
    new RunFlow(procedures()).run(new RunFlow.Request(false));
    // Then: the project's files are on the agent, and nothing that should stay home
    var agent = LocalProject.at(directory, Map.of()).configStore().load().orElseThrow().agentId();
    assertThat(platform.agentFiles(agent)).containsOnlyKeys("notebook.py", ".gitignore");
    assertThat(platform.lastRunRequest(agent).orElseThrow().env()).containsEntry("TOKEN", "secret");

    // When: both sides change the notebook, then sync
    Files.writeString(directory.resolve("notebook.py"), "print('mine')\n");
    platform.putAgentFile(agent, "notebook.py", utf8("print('theirs')\n"));
    new SyncFlow(procedures()).run();
    // Then: the agent's version is here, mine is kept under .omega/conflicts
    assertThat(directory.resolve("notebook.py")).hasContent("print('theirs')");
    try (Stream<Path> kept = Files.walk(directory.resolve(".omega/conflicts"))) {
      assertThat(kept.filter(Files::isRegularFile))
          .singleElement()
          .satisfies(p -> assertThat(p).hasContent("print('mine')"));
    }

    // When: stop
    platform.putAgentFile(agent, "results.csv", utf8("a,b\n"));
    new StopFlow(procedures()).run();
    // Then: what the Lab wrote came home, and the agent is gone
    assertThat(directory.resolve("results.csv")).hasContent("a,b");
    assertThat(platform.peekAgent(agent).orElseThrow().status())
        .isEqualTo(dev.omega.core.model.AgentStatus.DEAD);
  }
}
