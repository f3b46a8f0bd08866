package dev.omega.core.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omega.core.model.AppType;
import dev.omega.core.port.ConsoleEvent;
import dev.omega.core.sync.SyncPlanner;
import dev.omega.testkit.FakeOmega;
import dev.omega.testkit.Fault;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SYNC_AGENT and SYNC_TASK (spec 4.3.5) end to end on the fakes. */
class SyncFlowTest {
  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static FakeOmega running(AppType type) throws InterruptedException {
    FakeOmega omega = Scenarios.project(type);
    omega.runFlow().run(new RunFlow.Request(false));
    return omega;
  }

  @Test
  void theAgentsVersionWinsAConflictAndTheLocalOneIsKeptAndReported() throws Exception {
    // Given: both sides changed main.py since they last agreed
    FakeOmega omega = running(AppType.API);
    var id = omega.config.current().agentId();
    omega.workspace.put("main.py", "mine");
    omega.platform.putAgentFile(id, "main.py", utf8("theirs"));
    // When
    var outcome = omega.syncFlow().run();
    // Then
    assertThat(omega.workspace.contents().get("main.py")).isEqualTo(utf8("theirs"));
    var kept = omega.console.events(ConsoleEvent.ConflictKept.class);
    assertThat(kept)
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.keptAt())
                    .startsWith(SyncPlanner.CONFLICTS_FOLDER)
                    .endsWith("/main.py"));
    assertThat(omega.workspace.conflictCopies()).containsEntry(kept.get(0).keptAt(), utf8("mine"));
    assertThat(outcome.agent().orElseThrow().conflicts()).hasSize(1);
  }

  @Test
  void aDryRunShowsThePlanAndMovesNothing() throws Exception {
    // Given
    FakeOmega omega = running(AppType.API);
    var id = omega.config.current().agentId();
    omega.workspace.put("new.py", "x = 1");
    omega.platform.putAgentFile(id, "out.csv", utf8("1,2"));
    int callsBefore = omega.platform.callCount();
    // When
    var preview = omega.syncFlow().preview().agent().orElseThrow();
    // Then
    assertThat(preview.upload()).extracting(e -> e.path()).containsExactly("new.py");
    assertThat(preview.download()).extracting(e -> e.path()).containsExactly("out.csv");
    assertThat(omega.platform.calls().subList(callsBefore, omega.platform.callCount()))
        .noneMatch(c -> c.contains("upload") || c.contains("download") || c.contains("commit"));
    assertThat(omega.workspace.contents()).doesNotContainKey("out.csv");
    assertThat(omega.platform.agentFiles(id)).doesNotContainKey("new.py");
  }

  @Test
  void theTaskCachesVersionWinsForAScheduledJob() throws Exception {
    FakeOmega omega = running(AppType.SCHEDULED_JOB);
    var id = omega.config.current().taskId();
    omega.workspace.put("main.py", "mine");
    omega.platform.putTaskFile(id, "main.py", utf8("cache"));
    omega.syncFlow().run();
    assertThat(omega.workspace.contents().get("main.py")).isEqualTo(utf8("cache"));
    assertThat(omega.workspace.conflictCopies().values()).singleElement().isEqualTo(utf8("mine"));
  }

  @Test
  void deletionsTravelBothWaysAndASecondSyncMovesNothing() throws Exception {
    // Given
    FakeOmega omega = running(AppType.LAB);
    var id = omega.config.current().agentId();
    omega.workspace.delete("data/input.csv");
    omega.platform.putAgentFile(id, "notebook.ipynb", utf8("{}"));
    // When
    var first = omega.syncFlow().run().agent().orElseThrow();
    var second = omega.syncFlow().run().agent().orElseThrow();
    // Then
    assertThat(first.deletedRemotely()).isEqualTo(1);
    assertThat(first.downloaded()).isEqualTo(1);
    assertThat(omega.platform.agentFiles(id)).containsOnlyKeys("main.py", "notebook.ipynb");
    assertThat(second.movedNothing()).isTrue();
  }

  @Test
  void aSyncWhoseCheckOfTheAgreedContentFailsPlansAndSyncsAsWithout() throws Exception {
    // Given: a project in sync, then the check fails on every sync
    FakeOmega omega = running(AppType.API);
    var id = omega.config.current().agentId();
    omega.workspace.put("main.py", "v1");
    omega.syncFlow().run();
    omega.platform.failChecks();
    // When: a sync with nothing to move, then one with a change
    int callsBefore = omega.platform.callCount();
    var unchanged = omega.syncFlow().run();
    omega.workspace.put("main.py", "v2");
    var changed = omega.syncFlow().run();
    // Then: each asked for a plan instead, and the change arrived
    assertThat(omega.platform.calls().subList(callsBefore, omega.platform.callCount()))
        .filteredOn(c -> c.endsWith(".sync"))
        .hasSize(2);
    assertThat(unchanged.agent().orElseThrow().movedNothing()).isTrue();
    assertThat(changed.agent().orElseThrow().uploaded()).isEqualTo(1);
    assertThat(omega.platform.agentFiles(id).get("main.py")).isEqualTo(utf8("v2"));
  }

  @Test
  void aSyncOfAProjectAlreadyInSyncAsksNoPlanAndSendsNoChange() throws Exception {
    // Given: a project whose last sync completed
    FakeOmega omega = running(AppType.API_WITH_SCHEDULED_JOB);
    omega.workspace.put("new.py", "x = 1");
    omega.syncFlow().run();
    int callsBefore = omega.platform.callCount();
    // When
    var outcome = omega.syncFlow().run();
    // Then: both sides still held what was agreed: no plan asked for, nothing sent
    assertThat(omega.platform.calls().subList(callsBefore, omega.platform.callCount()))
        .noneMatch(
            c ->
                c.endsWith(".sync")
                    || c.contains(".upload")
                    || c.contains(".download")
                    || c.contains(".delete")
                    || c.endsWith(".commit"));
    assertThat(outcome.agent().orElseThrow().movedNothing()).isTrue();
    assertThat(outcome.task().orElseThrow().movedNothing()).isTrue();
  }

  @Test
  void anApiWithAScheduledJobBringsAllThreeSidesTogether() throws Exception {
    FakeOmega omega = running(AppType.API_WITH_SCHEDULED_JOB);
    var config = omega.config.current();
    omega.platform.putTaskFile(config.taskId(), "report.csv", utf8("r"));
    omega.syncFlow().run();
    assertThat(omega.platform.agentFiles(config.agentId())).containsKey("report.csv");
    assertThat(omega.workspace.contents()).containsKey("report.csv");
  }

  @Test
  void aCommitOfAPlanThePlatformForgotIsPlannedAgainAndTheSyncCompletes() throws Exception {
    // Given: a change to upload, and where the sync's commit comes among its calls
    FakeOmega probe = running(AppType.API);
    probe.workspace.put("main.py", "changed");
    int start = probe.platform.callCount();
    probe.syncFlow().run();
    List<String> calls = probe.platform.calls().subList(start, probe.platform.callCount());
    int commit =
        calls.indexOf(calls.stream().filter(c -> c.endsWith(".commit")).findFirst().orElseThrow())
            + 1;
    // the same project, whose platform restarts between the upload and the commit
    FakeOmega omega = running(AppType.API);
    omega.workspace.put("main.py", "changed");
    int before = omega.platform.callCount();
    omega.platform.failCall(
        commit, Fault.apiError(404, "sync s-1 (plan a new one) does not exist"));
    // When
    omega.syncFlow().run();
    // Then: planned again, committed, and in sync
    var id = omega.config.current().agentId();
    assertThat(omega.platform.agentFiles(id).get("main.py")).isEqualTo(utf8("changed"));
    assertThat(omega.platform.calls().subList(before, omega.platform.callCount()))
        .filteredOn(c -> c.endsWith(".commit"))
        .hasSize(2);
    assertThat(omega.syncFlow().run().agent().orElseThrow().movedNothing()).isTrue();
  }
}
