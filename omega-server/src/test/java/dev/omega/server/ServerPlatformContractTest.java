package dev.omega.server;

import dev.omega.core.port.AgentApi;
import dev.omega.core.port.TaskApi;
import dev.omega.http.HttpPlatform;
import dev.omega.testkit.PlatformContract;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The platform contract, against the real server over real HTTP, through the client adapter. */
class ServerPlatformContractTest extends PlatformContract {
  @TempDir Path data;
  private ServerFixture fixture;
  private HttpPlatform client;

  @Override
  protected Subject createSubject() {
    fixture = new ServerFixture(data);
    client = HttpPlatform.connect(fixture.url(), Optional.of(ServerFixture.ALICE));
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
  protected boolean supportsTasks() {
    return true;
  }

  @Override
  protected Duration patience() {
    return Duration.ofSeconds(20);
  }

  @AfterEach
  void stopServer() {
    for (var agent : client.agents().list()) {
      client.agents().kill(agent.id());
    }
    for (var task : client.tasks().list()) {
      client.tasks().stop(task.id());
    }
    client.close();
    fixture.close();
  }
}
