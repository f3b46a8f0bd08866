package dev.omega.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omega.core.sync.Snapshot;
import dev.omega.core.sync.SyncSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemoteTreeTest {
  @TempDir Path dir;

  private RemoteTree tree() throws Exception {
    Path root = Files.createDirectories(dir.resolve("workspace"));
    Files.writeString(root.resolve("out.csv"), "1,2\n");
    return new RemoteTree(
        root, dir.resolve("staging"), 1L << 30, Set.of(), Snapshot.empty(), agreed -> {});
  }

  @Test
  void plansNeverCommittedAreForgottenOldestFirstAndTheirCommitAsksForANewPlan() throws Exception {
    // Given: many clients planned and went away without committing
    RemoteTree tree = tree();
    List<SyncSession> sessions = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      sessions.add(tree.plan(Snapshot.empty(), Set.of(), Instant.now()));
    }
    // When / Then: the oldest is gone, the newest still commits
    assertThatThrownBy(() -> tree.commit(sessions.get(0).syncId()))
        .isInstanceOfSatisfying(ApiProblem.class, e -> assertThat(e.status).isEqualTo(404));
    tree.commit(sessions.get(99).syncId());
    tree.commit(sessions.get(99).syncId());
  }

  @Test
  void aSettledPlanIsNotKept() throws Exception {
    RemoteTree tree = tree();
    Snapshot both = tree.snapshot();
    tree.commit(tree.plan(both, Set.of(), Instant.now()).syncId());

    SyncSession settled = tree.plan(both, Set.of(), Instant.now());

    assertThat(settled.plan().settled()).isTrue();
    assertThatThrownBy(() -> tree.commit(settled.syncId())).isInstanceOf(ApiProblem.class);
  }
}
