package dev.omega.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omega.core.model.AgentId;
import dev.omega.core.model.AgentSpec;
import dev.omega.core.model.AgentStatus;
import dev.omega.core.model.JobType;
import dev.omega.http.HttpPlatform;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploading and downloading a 1 GiB file keeps the client's heap flat: the round trip runs in a JVM
 * of its own limited to 64 MiB ({@link LargeFileRoundTrip}), where holding the file would end in an
 * OutOfMemoryError.
 */
class LargeFileMemoryTest {
  private static final long ONE_GIB = 1L << 30;

  @TempDir Path data;
  @TempDir Path work;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aOneGibFileGoesUpAndComesBackWholeThroughA64MibHeap() throws Exception {
    try (ServerFixture fixture = new ServerFixture(data);
        HttpPlatform client =
            HttpPlatform.connect(fixture.url(), Optional.of(ServerFixture.ALICE))) {
      // Given: an agent with room for it
      AgentId id = AgentId.random();
      client.agents().create(id, new AgentSpec(JobType.JOB, "cpu-1", 2, List.of()));
      ServerFixture.await(
          "the agent to be IDLE",
          () -> client.agents().inspect(id).orElseThrow().status() == AgentStatus.IDLE);
      Path log = work.resolve("round-trip.log");
      // When
      Process child =
          new ProcessBuilder(
                  ProcessHandle.current().info().command().orElse("java"),
                  "-Xmx64m",
                  "-cp",
                  System.getProperty("java.class.path"),
                  LargeFileRoundTrip.class.getName(),
                  fixture.url().toString(),
                  ServerFixture.ALICE,
                  id.toString(),
                  work.toString(),
                  Long.toString(ONE_GIB))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      boolean ended = child.waitFor(100, TimeUnit.SECONDS);
      if (!ended) {
        child.destroyForcibly().waitFor();
      }
      // Then
      String output = Files.readString(log, StandardCharsets.UTF_8);
      System.out.print(output);
      assertThat(ended).as("the round trip ended in time:%n%s", output).isTrue();
      assertThat(child.exitValue()).as("the round trip's exit code:%n%s", output).isZero();
      client.agents().kill(id);
    }
  }
}
