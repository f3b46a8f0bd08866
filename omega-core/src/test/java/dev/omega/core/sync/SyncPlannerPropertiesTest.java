package dev.omega.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Properties of {@link SyncPlanner} over small worlds: 6 paths and 4 contents, so that creations,
 * edits and deletions on both sides collide often. Local and remote are each derived from the base
 * by a random create, modify or delete per path (or nothing).
 */
class SyncPlannerPropertiesTest {
  private static final List<String> PATHS =
      List.of("a.txt", "b.txt", "dir/c.txt", "dir/d.txt", "dir/sub/e.txt", "f");
  private static final List<String> CONTENTS = List.of("", "one", "two", "three");
  private static final int ABSENT = -1;
  private static final int KEEP = -2;
  private static final Instant NOW = Instant.parse("2024-03-05T07:08:09Z");
  private static final String CONFLICTS = ".omega/conflicts/20240305T070809Z/";

  /** Three snapshots the planner takes. */
  record World(Snapshot base, Snapshot local, Snapshot remote) {}

  @Provide
  Arbitrary<World> worlds() {
    int n = PATHS.size();
    Arbitrary<List<Integer>> base =
        Arbitraries.integers().between(ABSENT, CONTENTS.size() - 1).list().ofSize(n);
    Arbitrary<Integer> edit =
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.just(KEEP)),
            Tuple.of(2, Arbitraries.integers().between(ABSENT, CONTENTS.size() - 1)));
    Arbitrary<List<Integer>> localEdits = edit.list().ofSize(n);
    Arbitrary<List<Integer>> remoteEdits = edit.list().ofSize(n);
    Arbitrary<List<Long>> mtimes = Arbitraries.longs().between(0, 3).list().ofSize(3 * n);
    return Combinators.combine(base, localEdits, remoteEdits, mtimes)
        .as(
            (b, l, r, t) ->
                new World(
                    snapshot(b, t.subList(0, n)),
                    snapshot(derive(b, l), t.subList(n, 2 * n)),
                    snapshot(derive(b, r), t.subList(2 * n, 3 * n))));
  }

  private static List<Integer> derive(List<Integer> base, List<Integer> edits) {
    List<Integer> derived = new ArrayList<>();
    for (int i = 0; i < base.size(); i++) {
      derived.add(edits.get(i) == KEEP ? base.get(i) : edits.get(i));
    }
    return derived;
  }

  private static Snapshot snapshot(List<Integer> contents, List<Long> mtimes) {
    List<FileEntry> entries = new ArrayList<>();
    for (int i = 0; i < PATHS.size(); i++) {
      if (contents.get(i) != ABSENT) {
        byte[] bytes = CONTENTS.get(contents.get(i)).getBytes(StandardCharsets.UTF_8);
        entries.add(new FileEntry(PATHS.get(i), bytes.length, mtimes.get(i), Sha256.hex(bytes)));
      }
    }
    return Snapshot.of(entries);
  }

  /** What one side holds once its half of the plan is applied. */
  private static Snapshot apply(Snapshot side, List<FileEntry> incoming, List<String> deletions) {
    TreeMap<String, FileEntry> files = new TreeMap<>(side.files());
    for (FileEntry entry : incoming) {
      files.put(entry.path(), entry);
    }
    for (String path : deletions) {
      files.remove(path);
    }
    return new Snapshot(files);
  }

  private static Snapshot applyLocal(Snapshot local, SyncPlan plan) {
    return apply(local, plan.download(), plan.deleteLocal());
  }

  private static Snapshot applyRemote(Snapshot remote, SyncPlan plan) {
    return apply(remote, plan.upload(), plan.deleteRemote());
  }

  private static SyncPlan plan(World w) {
    return SyncPlanner.plan(w.local(), w.remote(), w.base(), NOW);
  }

  private static FileEntry at(Snapshot snapshot, String path) {
    return snapshot.files().get(path);
  }

  private static boolean same(FileEntry a, FileEntry b) {
    return a == null ? b == null : a.sameContent(b);
  }

  @Property(tries = 500)
  void applyingThePlanMakesBothSidesEqualToAgreed(@ForAll("worlds") World w) {
    SyncPlan plan = plan(w);

    Snapshot newLocal = applyLocal(w.local(), plan);
    Snapshot newRemote = applyRemote(w.remote(), plan);

    assertThat(newLocal.sameContentAs(plan.agreed()))
        .as("local %s vs agreed %s", newLocal.paths(), plan.agreed().paths())
        .isTrue();
    assertThat(newRemote.sameContentAs(plan.agreed()))
        .as("remote %s vs agreed %s", newRemote.paths(), plan.agreed().paths())
        .isTrue();
  }

  @Property(tries = 500)
  void planningAgainAfterApplyingAndCommittingIsSettled(@ForAll("worlds") World w) {
    SyncPlan plan = plan(w);
    Snapshot newLocal = applyLocal(w.local(), plan);
    Snapshot newRemote = applyRemote(w.remote(), plan);

    SyncPlan again = SyncPlanner.plan(newLocal, newRemote, plan.agreed(), NOW.plusSeconds(60));

    assertThat(again.isEmpty()).as("second plan %s", again).isTrue();
    assertThat(again.settled()).as("a settled plan needs no commit").isTrue();
    assertThat(again.conflicts()).isEmpty();
    assertThat(again.agreed().sameContentAs(plan.agreed())).isTrue();
  }

  @Property(tries = 500)
  void remoteWinsWhereBothSidesChangedDifferently(@ForAll("worlds") World w) {
    SyncPlan plan = plan(w);

    for (String path : PATHS) {
      FileEntry b = at(w.base(), path);
      FileEntry l = at(w.local(), path);
      FileEntry r = at(w.remote(), path);
      if (!same(l, b) && !same(r, b) && !same(l, r)) {
        assertThat(same(at(plan.agreed(), path), r)).as("result at %s is remote's", path).isTrue();
        assertThat(plan.conflicts()).extracting(Conflict::path).contains(path);
      }
    }
  }

  @Property(tries = 500)
  void noLocalChangeIsLostSilently(@ForAll("worlds") World w) {
    SyncPlan plan = plan(w);

    for (String path : PATHS) {
      FileEntry b = at(w.base(), path);
      FileEntry l = at(w.local(), path);
      FileEntry result = at(plan.agreed(), path);
      if (l != null && !same(l, result) && !same(l, b)) {
        assertThat(plan.conflicts())
            .as("local version of %s is kept", path)
            .contains(new Conflict(path, Optional.of(CONFLICTS + path)));
      }
    }
  }

  @Property(tries = 500)
  void pathChangedOnOneSideOnlyEndsWithThatSidesVersion(@ForAll("worlds") World w) {
    SyncPlan plan = plan(w);

    for (String path : PATHS) {
      FileEntry b = at(w.base(), path);
      FileEntry l = at(w.local(), path);
      FileEntry r = at(w.remote(), path);
      FileEntry result = at(plan.agreed(), path);
      if (!same(l, b) && same(r, b)) {
        assertThat(same(result, l)).as("local change at %s wins", path).isTrue();
      }
      if (same(l, b) && !same(r, b)) {
        assertThat(same(result, r)).as("remote change at %s wins", path).isTrue();
      }
      if (same(l, b) && same(r, b)) {
        assertThat(same(result, b)).as("untouched %s stays", path).isTrue();
      }
    }
  }

  @Property(tries = 500)
  void conflictsAreExactlyThePathsBothSidesChangedDifferently(@ForAll("worlds") World w) {
    SyncPlan plan = plan(w);

    Set<String> expected = new HashSet<>();
    for (String path : PATHS) {
      FileEntry b = at(w.base(), path);
      FileEntry l = at(w.local(), path);
      FileEntry r = at(w.remote(), path);
      if (!same(l, b) && !same(r, b) && !same(l, r)) {
        expected.add(path);
      }
    }
    assertThat(plan.conflicts())
        .extracting(Conflict::path)
        .containsExactlyInAnyOrderElementsOf(expected);
    for (Conflict conflict : plan.conflicts()) {
      boolean localExists = at(w.local(), conflict.path()) != null;
      assertThat(conflict.keptAt().isPresent())
          .as("keptAt of %s present iff a local loser exists", conflict.path())
          .isEqualTo(localExists);
    }
  }

  @Property(tries = 500)
  void everyActionIsNeededAndTouchesEachPathOnce(@ForAll("worlds") World w) {
    SyncPlan plan = plan(w);

    List<String> touched = new ArrayList<>();
    plan.upload().forEach(e -> touched.add(e.path()));
    plan.download().forEach(e -> touched.add(e.path()));
    touched.addAll(plan.deleteLocal());
    touched.addAll(plan.deleteRemote());
    assertThat(touched).doesNotHaveDuplicates();

    for (FileEntry up : plan.upload()) {
      assertThat(up).isEqualTo(at(w.local(), up.path()));
      assertThat(same(up, at(w.remote(), up.path()))).isFalse();
    }
    for (FileEntry down : plan.download()) {
      assertThat(down).isEqualTo(at(w.remote(), down.path()));
      assertThat(same(down, at(w.local(), down.path()))).isFalse();
    }
    for (String path : plan.deleteLocal()) {
      assertThat(at(w.local(), path)).isNotNull();
    }
    for (String path : plan.deleteRemote()) {
      assertThat(at(w.remote(), path)).isNotNull();
    }
  }
}
