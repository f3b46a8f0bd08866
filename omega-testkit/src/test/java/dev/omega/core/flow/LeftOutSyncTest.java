package dev.omega.core.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omega.core.model.AppType;
import dev.omega.testkit.FakeOmega;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the project leaves out (ignore rules, the env file) sync never writes, deletes or ships. */
class LeftOutSyncTest {
  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aRemoteFileAtAnIgnoredPathNeverOverwritesTheLocalOneAndIsNotDeletedThere() throws Exception {
    // Given: the user's .env is left out; the agent holds a file at that path
    FakeOmega omega = Scenarios.project(AppType.API);
    omega.workspace.put(".env", "SECRET=mine").leaveOut(".env");
    omega.runFlow().run(new RunFlow.Request(false));
    var id = omega.config.current().agentId();
    omega.platform.putAgentFile(id, ".env", utf8("SECRET=theirs"));
    // When: two syncs (the fake workspace fails the test if sync writes or deletes .env)
    omega.syncFlow().run();
    var second = omega.syncFlow().run().agent().orElseThrow();
    // Then
    assertThat(omega.workspace.contents().get(".env")).isEqualTo(utf8("SECRET=mine"));
    assertThat(omega.platform.agentFiles(id)).containsEntry(".env", utf8("SECRET=theirs"));
    assertThat(second.movedNothing()).isTrue();
  }
}
