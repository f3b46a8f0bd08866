package dev.omega.server;

import dev.omega.core.config.EnvType;
import dev.omega.core.config.OmegaConfig;
import dev.omega.core.model.AgentView;
import dev.omega.core.model.JobType;
import dev.omega.core.model.LogLine;
import dev.omega.core.port.Clock;
import dev.omega.core.port.Ports;
import dev.omega.core.procedure.Pacing;
import dev.omega.core.procedure.Procedures;
import dev.omega.http.HttpPlatform;
import dev.omega.testkit.FakeConfigStore;
import dev.omega.testkit.FakeWorkspace;
import dev.omega.testkit.FaultProxy;
import dev.omega.testkit.RecordingConsole;
import dev.omega.testkit.ScriptedPrompter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The core's flows against the real server through a {@link FaultProxy}: the HTTP adapter talks to
 * the proxy with short timeouts, the test kit's fakes stand in for the project, the console and the
 * user. A second adapter talks to the server directly, to check and to clean up.
 */
final class ProxiedOmega implements AutoCloseable {
  /** Short, so that a stalled call or stream counts as broken within 2 s. */
  static final HttpPlatform.Timeouts TIMEOUTS =
      new HttpPlatform.Timeouts(
          Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(2));

  final ServerFixture fixture;
  final FaultProxy proxy;
  final HttpPlatform direct;
  final FakeWorkspace workspace = new FakeWorkspace();
  final FakeConfigStore config;
  final ScriptedPrompter prompter = new ScriptedPrompter().answerAll(true);
  final RecordingConsole console = new RecordingConsole();
  private final HttpPlatform proxied;

  ProxiedOmega(Path data, OmegaConfig project, long seed) throws IOException {
    fixture = new ServerFixture(data);
    proxy =
        FaultProxy.start("127.0.0.1", fixture.url().getPort(), seed)
            .stallFor(Duration.ofSeconds(3));
    proxied = HttpPlatform.connect(proxy.url(), Optional.of(ServerFixture.ALICE), TIMEOUTS);
    direct = HttpPlatform.connect(fixture.url(), Optional.of(ServerFixture.ALICE));
    config = new FakeConfigStore(project);
  }

  /** A one-time job, or an API, running {@code command} on the smallest agent. */
  static OmegaConfig project(JobType type, String command) {
    return new OmegaConfig(
        null,
        null,
        type,
        null,
        "cpu-1",
        1,
        List.of(),
        EnvType.VALUES,
        null,
        Map.of("MODE", "test"),
        null,
        null,
        command,
        null,
        null);
  }

  /** Quick retries and polls; a call gives up once it kept failing for {@code retryDeadline}. */
  static Pacing pacing(Duration retryDeadline) {
    return new Pacing(
        Duration.ofMillis(50),
        Duration.ofMillis(500),
        Duration.ofSeconds(20),
        Duration.ofMillis(50),
        Duration.ofMillis(500),
        retryDeadline,
        1000);
  }

  /** The procedures over the proxy, retrying for up to 60 s. */
  Procedures procedures() {
    return procedures(pacing(Duration.ofSeconds(60)));
  }

  Procedures procedures(Pacing pacing) {
    return new Procedures(
        new Ports(
            proxied.agents(),
            proxied.tasks(),
            config,
            workspace,
            prompter,
            console,
            Clock.system()),
        pacing);
  }

  /** The agent the project recorded, as the server reports it. */
  AgentView agent() {
    return direct.agents().inspect(config.current().agentId()).orElseThrow();
  }

  /** The agent's whole log as the server stored it. */
  List<String> storedLog() {
    return direct.agents().logs(config.current().agentId(), 0, 10_000).lines().stream()
        .map(LogLine::text)
        .toList();
  }

  /** A file of the agent's workspace, read from the server's disk. */
  byte[] remoteFile(String path) {
    Path file = workspaceFolder().resolve(path);
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a file into the agent's workspace on the server's disk, as its process would. */
  void putRemoteFile(String path, String content) {
    try {
      Path file = workspaceFolder().resolve(path);
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path workspaceFolder() {
    return fixture
        .data
        .resolve("agents")
        .resolve(config.current().agentId().toString())
        .resolve("workspace");
  }

  /** Kills every agent through the direct connection, then closes everything. */
  @Override
  public void close() {
    try {
      for (AgentView agent : direct.agents().list()) {
        direct.agents().kill(agent.id());
      }
    } finally {
      proxied.close();
      direct.close();
      proxy.close();
      fixture.close();
    }
  }
}
