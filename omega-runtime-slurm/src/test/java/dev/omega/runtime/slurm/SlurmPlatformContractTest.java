package dev.omega.runtime.slurm;

import dev.omega.core.port.AgentApi;
import dev.omega.core.port.TaskApi;
import dev.omega.http.HttpPlatform;
import dev.omega.server.OmegaServer;
import dev.omega.server.ServerSettings;
import dev.omega.testkit.PlatformContract;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform contract against the real server over real HTTP, with the runtime {@code runtime:
 * slurm} selects: its agents and jobs run as Slurm jobs on a real cluster.
 */
class SlurmPlatformContractTest extends PlatformContract {
  private static final String TOKEN = "token-of-alice";

  @TempDir Path data;
  @TempDir Path shared;
  private OmegaServer server;
  private HttpPlatform client;

  @Override
  protected Subject createSubject() {
    SlurmCluster.assumeReachable();
    ServerSettings local = ServerSettings.local(data, 0, TOKEN);
    server =
        OmegaServer.start(
            new ServerSettings(
                "127.0.0.1",
                0,
                data,
                Map.of(TOKEN, "alice"),
                local.catalog(),
                List.of(),
                Duration.ofSeconds(2)),
            SlurmCluster.selectedRuntime(shared));
    client = HttpPlatform.connect(server.url(), Optional.of(TOKEN));
    return new Subject() {
      @Override
      public AgentApi agents() {
        return client.agents();
      }

      @Override
      public TaskApi tasks() {
        return client.tasks();
      }

      @Override
      public String printing(List<String> lines, int exitCode) {
        String quoted =
            lines.stream()
                .map(l -> "'" + l.replace("'", "'\\''") + "'")
                .collect(Collectors.joining(" "));
        return (lines.isEmpty() ? "" : "printf '%s\\n' " + quoted + "; ") + "exit " + exitCode;
      }

      @Override
      public String runningUntilStopped() {
        return "sleep 300";
      }

      @Override
      public String computeSize() {
        return "cpu-1";
      }
    };
  }

  @Override
  protected Duration patience() {
    return Duration.ofSeconds(30);
  }

  @AfterEach
  void stopServer() {
    if (server == null) {
      return;
    }
    for (var agent : client.agents().list()) {
      client.agents().kill(agent.id());
    }
    for (var task : client.tasks().list()) {
      client.tasks().stop(task.id());
    }
    client.close();
    server.close();
  }
}
