package dev.omega.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omega.server.runtime.LocalProcessRuntime;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFolderLockTest {
  @TempDir Path dir;

  @Test
  void aSecondServerOnTheSameDataFolderRefusesToStartAndNamesTheFirst() throws Exception {
    Path data = dir.resolve("data");
    try (ServerProcess first = new ServerProcess(data)) {
      // Given
      first.start();

      // When
      Process second =
          ServerProcess.serverMain(data, ServerProcess.freePort())
              .redirectErrorStream(true)
              .start();
      String output;
      try {
        assertThat(second.waitFor(30, TimeUnit.SECONDS)).as("the second server ends").isTrue();
        output = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      } finally {
        second.destroyForcibly();
      }

      // Then
      assertThat(second.exitValue()).isEqualTo(2);
      assertThat(output)
          .contains(
              "omega-server: another Omega server (PID "
                  + first.pid()
                  + ") uses the data folder "
                  + data)
          .contains("omega server stop")
          .doesNotContain("Exception");
      assertThat(first.call("GET", "/me", null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void theDataFolderIsFreeAgainOnceItsServerStops() {
    // Given: a server on the folder, which a second one in this JVM is refused
    ServerFixture fixture = new ServerFixture(dir);
    ServerSettings same = ServerSettings.local(dir, 0, ServerFixture.ALICE);
    try {
      assertThatThrownBy(() -> OmegaServer.start(same, new LocalProcessRuntime()))
          .isInstanceOf(DataFolderLock.InUse.class)
          .hasMessageContaining("uses the data folder " + dir);
    } finally {
      // When
      fixture.close();
    }

    // Then
    try (OmegaServer again = OmegaServer.start(same, new LocalProcessRuntime())) {
      assertThat(again.port()).isPositive();
    }
  }

  @Test
  void aServerThatCannotStartLetsGoOfTheDataFolder() throws Exception {
    // Given: a start that fails, its port taken
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      ServerSettings onTakenPort = ServerSettings.local(dir, taken.getLocalPort(), "key");
      assertThatThrownBy(() -> OmegaServer.start(onTakenPort, new LocalProcessRuntime()))
          .isNotInstanceOf(DataFolderLock.InUse.class);
    }

    // When, then: the next start has the folder
    try (OmegaServer again =
        OmegaServer.start(ServerSettings.local(dir, 0, "key"), new LocalProcessRuntime())) {
      assertThat(again.port()).isPositive();
    }
  }
}
