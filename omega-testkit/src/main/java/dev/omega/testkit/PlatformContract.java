package dev.omega.testkit;

import static dev.omega.testkit.OmegaAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.omega.core.model.AgentId;
import dev.omega.core.model.AgentSpec;
import dev.omega.core.model.AgentStatus;
import dev.omega.core.model.AgentView;
import dev.omega.core.model.JobStatus;
import dev.omega.core.model.JobType;
import dev.omega.core.model.LogLine;
import dev.omega.core.model.LogPage;
import dev.omega.core.model.RunRequest;
import dev.omega.core.model.TaskId;
import dev.omega.core.model.TaskSpec;
import dev.omega.core.model.TaskView;
import dev.omega.core.port.AgentApi;
import dev.omega.core.port.ApiException;
import dev.omega.core.port.RemoteFiles;
import dev.omega.core.port.TaskApi;
import dev.omega.core.sync.FileEntry;
import dev.omega.core.sync.Sha256;
import dev.omega.core.sync.Snapshot;
import dev.omega.core.sync.SyncSession;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of the platform's ports must do, the fake and the real server alike. An
 * implementation's test extends this class and says how to reach it.
 */
public abstract class PlatformContract {
  /** The platform under test, with what the contract needs to drive it. */
  public interface Subject {
    AgentApi agents();

    TaskApi tasks();

    /** A shell command that prints {@code lines} and exits with {@code exitCode}. */
    String printing(List<String> lines, int exitCode);

    /** A shell command that runs until it is stopped. */
    String runningUntilStopped();

    /** A compute size the platform offers. */
    String computeSize();
  }

  protected Subject subject;

  protected abstract Subject createSubject();

  /** Whether the platform under test has tasks yet; their tests are skipped where not. */
  protected boolean supportsTasks() {
    return true;
  }

  /** How long a remote state change may take. */
  protected Duration patience() {
    return Duration.ofSeconds(30);
  }

  @BeforeEach
  void createSubjectUnderTest() {
    subject = createSubject();
  }

  protected AgentSpec agentSpec(JobType type) {
    return new AgentSpec(type, subject.computeSize(), 1, List.of());
  }

  protected TaskSpec taskSpec(String command) {
    return new TaskSpec(
        JobType.JOB, "0 3 * * *", command, subject.computeSize(), 1, List.of(), Map.of());
  }

  protected AgentView awaitAgent(AgentId id, Predicate<AgentView> condition) {
    return await()
        .atMost(patience())
        .pollInterval(Duration.ofMillis(20))
        .until(() -> subject.agents().inspect(id).orElseThrow(), condition);
  }

  protected TaskView awaitTask(TaskId id, Predicate<TaskView> condition) {
    return await()
        .atMost(patience())
        .pollInterval(Duration.ofMillis(20))
        .until(() -> subject.tasks().inspect(id).orElseThrow(), condition);
  }

  protected AgentId idleAgent(JobType type) {
    AgentId id = AgentId.random();
    subject.agents().create(id, agentSpec(type));
    awaitAgent(id, a -> a.status() == AgentStatus.IDLE);
    return id;
  }

  protected static FileEntry entry(String path, byte[] content) {
    return new FileEntry(path, content.length, 1_700_000_000_000L, Sha256.hex(content));
  }

  protected static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  protected static byte[] read(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Nested
  class Agents {
    @Test
    void aNewAgentStartsInInitAndBecomesIdle() {
      // Given
      AgentId id = AgentId.random();
      // When
      AgentView created = subject.agents().create(id, agentSpec(JobType.JOB));
      // Then
      assertThat(created.status()).isIn(AgentStatus.INIT, AgentStatus.IDLE);
      assertThat(awaitAgent(id, a -> a.status() == AgentStatus.IDLE)).isIdle();
    }

    @Test
    void creatingTheSameIdWithTheSameSpecIsHarmless() {
      // Given
      AgentId id = AgentId.random();
      subject.agents().create(id, agentSpec(JobType.JOB));
      // When
      AgentView again = subject.agents().create(id, agentSpec(JobType.JOB));
      // Then
      assertThat(again.id()).isEqualTo(id);
      assertThat(subject.agents().list().stream().filter(a -> a.id().equals(id))).hasSize(1);
    }

    @Test
    void creatingTheSameIdWithAnotherSpecIsAConflict() {
      AgentId id = AgentId.random();
      subject.agents().create(id, agentSpec(JobType.JOB));
      assertThatThrownBy(() -> subject.agents().create(id, agentSpec(JobType.API)))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(409));
    }

    @Test
    void anUnknownAgentIsNone() {
      assertThat(subject.agents().inspect(AgentId.random())).isEmpty();
    }

    @Test
    void aJobRunsBusyThenReturnsToIdleWithItsExitCode() {
      // Given
      AgentId id = idleAgent(JobType.JOB);
      // When
      subject
          .agents()
          .run(id, new RunRequest(Optional.of(subject.printing(List.of("hi"), 3)), Map.of()));
      // Then
      AgentView ended =
          awaitAgent(id, a -> a.status() == AgentStatus.IDLE && a.process().isPresent());
      assertThat(ended).isIdle().hasExitCode(3);
    }

    @Test
    void runOnABusyAgentIsAConflictAndStopReturnsItToIdle() {
      // Given
      AgentId id = idleAgent(JobType.API);
      RunRequest service = new RunRequest(Optional.of(subject.runningUntilStopped()), Map.of());
      subject.agents().run(id, service);
      assertThat(subject.agents().inspect(id).orElseThrow()).isBusy();
      // When / Then
      assertThatThrownBy(() -> subject.agents().run(id, service))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(409));
      subject.agents().stop(id);
      assertThat(awaitAgent(id, a -> a.status() == AgentStatus.IDLE)).isIdle();
      subject.agents().stop(id);
      assertThat(subject.agents().inspect(id).orElseThrow()).isIdle();
    }

    @Test
    void killEndsInDeadAndRepeatingItIsHarmless() {
      // Given
      AgentId id = idleAgent(JobType.JOB);
      // When
      subject.agents().kill(id);
      subject.agents().kill(id);
      // Then
      assertThat(awaitAgent(id, a -> a.status() == AgentStatus.DEAD)).isDead();
      assertThatThrownBy(
              () ->
                  subject
                      .agents()
                      .run(
                          id,
                          new RunRequest(Optional.of(subject.printing(List.of(), 0)), Map.of())))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(409));
      assertThat(subject.agents().list()).extracting(AgentView::id).contains(id);
    }
  }

  @Nested
  class Tasks {
    @BeforeEach
    void onlyWhereThereAreTasks() {
      Assumptions.assumeTrue(supportsTasks(), "this platform has no tasks yet");
    }

    @Test
    void aNewTaskIsOffAndCreatingItAgainIsHarmless() {
      TaskId id = TaskId.random();
      TaskSpec spec = taskSpec(subject.printing(List.of("x"), 0));
      subject.tasks().create(id, spec);
      TaskView again = subject.tasks().create(id, spec);
      assertThat(again).isOff();
      assertThat(subject.tasks().list()).extracting(TaskView::id).containsOnlyOnce(id);
    }

    @Test
    void enableAndDisableMoveBetweenOnAndOffAndRepeatsAreHarmless() {
      TaskId id = TaskId.random();
      subject.tasks().create(id, taskSpec(subject.printing(List.of(), 0)));
      subject.tasks().enable(id);
      subject.tasks().enable(id);
      assertThat(subject.tasks().inspect(id).orElseThrow()).isOn();
      subject.tasks().disable(id);
      subject.tasks().disable(id);
      assertThat(subject.tasks().inspect(id).orElseThrow()).isOff();
    }

    @Test
    void aJobRunsToStoppedAndItsLinesAreInTheTaskLogs() {
      // Given
      TaskId id = TaskId.random();
      subject.tasks().create(id, taskSpec(subject.printing(List.of("job says hello"), 0)));
      // When
      subject.tasks().run(id);
      // Then
      TaskView done =
          awaitTask(id, t -> t.latestJob().map(j -> j.status() == JobStatus.STOPPED).orElse(false));
      assertThat(done.latestJob().orElseThrow().exitCode()).contains(0);
      LogPage page = subject.tasks().logs(id, 0, 1000);
      assertThat(page.lines())
          .extracting(LogLine::text)
          .anyMatch(t -> t.contains("job says hello"));
    }

    @Test
    void runWhileAJobRunsIsAConflictAndStopIsHarmlessWhenNoneRuns() {
      TaskId id = TaskId.random();
      subject.tasks().create(id, taskSpec(subject.runningUntilStopped()));
      subject.tasks().run(id);
      assertThatThrownBy(() -> subject.tasks().run(id))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(409));
      subject.tasks().stop(id);
      assertThat(awaitTask(id, t -> !t.hasRunningJob())).hasLatestJob(JobStatus.STOPPED);
      subject.tasks().stop(id);
    }
  }

  @Nested
  class Sync {
    /** Plans {@code local}, one file holding {@code content}, uploads it as planned and commits. */
    private static SyncSession syncOneFile(RemoteFiles files, Snapshot local, byte[] content) {
      SyncSession session = files.plan(local);
      files.upload(session.plan().upload().get(0), new ByteArrayInputStream(content));
      files.commit(session.syncId());
      return session;
    }

    @Test
    void anUploadedFileIsAgreedAndPlanningAgainMovesNothing() {
      // Given
      AgentId id = idleAgent(JobType.JOB);
      RemoteFiles files = subject.agents().files(id);
      byte[] content = bytes("print('hi')\n");
      Snapshot local = Snapshot.of(List.of(entry("src/main.py", content)));
      // When
      SyncSession session = syncOneFile(files, local, content);
      // Then
      assertThat(session.plan().upload())
          .extracting(FileEntry::path)
          .containsExactly("src/main.py");
      assertThat(files.plan(local).plan().settled()).isTrue();
      assertThat(read(files.download(entry("src/main.py", content)))).isEqualTo(content);
    }

    @Test
    void theAgreedContentIsTheCommittedSnapshotsDigestUntilThisSideChanges() {
      // Given: a committed sync
      AgentId id = idleAgent(JobType.JOB);
      RemoteFiles files = subject.agents().files(id);
      byte[] content = bytes("print('hi')\n");
      Snapshot local = Snapshot.of(List.of(entry("src/main.py", content)));
      syncOneFile(files, local, content);
      Optional<String> agreed = files.agreedContent();
      // When: a file arrives on this side outside a sync
      byte[] other = bytes("other");
      files.upload(entry("out.txt", other), new ByteArrayInputStream(other));
      // Then
      assertThat(agreed).contains(local.contentDigest());
      assertThat(files.agreedContent()).isEmpty();
    }

    @Test
    void aFileBothSidesGotApartIsAgreedByACommitThatMovesNothingThenSettled() {
      // Given the same file on both sides, never synced
      AgentId id = idleAgent(JobType.JOB);
      RemoteFiles files = subject.agents().files(id);
      byte[] content = bytes("same on both sides\n");
      files.upload(entry("same.txt", content), new ByteArrayInputStream(content));
      Snapshot local = Snapshot.of(List.of(entry("same.txt", content)));
      // When
      SyncSession first = files.plan(local);
      files.commit(first.syncId());
      // Then
      assertThat(first.plan().isEmpty()).isTrue();
      assertThat(first.plan().settled()).as("the agreement is new: it needs its commit").isFalse();
      assertThat(files.plan(local).plan().settled()).isTrue();
    }

    @Test
    void anUploadWhoseBytesDoNotMatchItsDigestChangesNothing() {
      AgentId id = idleAgent(JobType.JOB);
      RemoteFiles files = subject.agents().files(id);
      FileEntry announced = entry("a.txt", bytes("announced"));
      assertThatThrownBy(
              () -> files.upload(announced, new ByteArrayInputStream(bytes("other!!!!"))))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
      assertThat(files.plan(Snapshot.empty()).plan().download()).isEmpty();
    }

    @Test
    void manyFilesUploadedInOneCallAreAllAgreed() {
      // Given
      AgentId id = idleAgent(JobType.JOB);
      RemoteFiles files = subject.agents().files(id);
      Map<String, byte[]> contents = new java.util.TreeMap<>();
      for (int i = 0; i < 30; i++) {
        contents.put("batch/f" + i + ".txt", bytes("file " + i + "\n".repeat(i)));
      }
      List<FileEntry> entries = new ArrayList<>();
      contents.forEach((path, content) -> entries.add(entry(path, content)));
      Snapshot local = Snapshot.of(entries);
      // When
      SyncSession session = files.plan(local);
      files.uploadAll(
          session.plan().upload(), e -> new ByteArrayInputStream(contents.get(e.path())));
      files.commit(session.syncId());
      // Then
      assertThat(files.plan(local).plan().isEmpty()).isTrue();
      assertThat(read(files.download(entries.get(7))))
          .isEqualTo(contents.get(entries.get(7).path()));
    }

    @Test
    void aFileOfABatchWhoseBytesDoNotMatchItsDigestIsNotStored() {
      // Given
      AgentId id = idleAgent(JobType.JOB);
      RemoteFiles files = subject.agents().files(id);
      FileEntry good = entry("a.txt", bytes("good"));
      FileEntry bad = entry("b.txt", bytes("announced"));
      // When / Then
      assertThatThrownBy(
              () ->
                  files.uploadAll(
                      List.of(good, bad),
                      e ->
                          new ByteArrayInputStream(
                              e.equals(good) ? bytes("good") : bytes("other!!!!"))))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
      assertThat(files.plan(Snapshot.empty()).plan().download())
          .extracting(FileEntry::path)
          .doesNotContain("b.txt");
    }

    @Test
    void deletingAFileTwiceIsHarmless() {
      AgentId id = idleAgent(JobType.JOB);
      RemoteFiles files = subject.agents().files(id);
      byte[] content = bytes("x");
      files.upload(entry("x.txt", content), new ByteArrayInputStream(content));
      files.delete("x.txt");
      files.delete("x.txt");
      assertThat(files.plan(Snapshot.empty()).plan().isEmpty()).isTrue();
    }

    @Test
    void theTaskCacheSyncsLikeAnAgent() {
      Assumptions.assumeTrue(supportsTasks(), "this platform has no tasks yet");
      TaskId id = TaskId.random();
      subject.tasks().create(id, taskSpec(subject.printing(List.of(), 0)));
      RemoteFiles cache = subject.tasks().files(id);
      byte[] content = bytes("data");
      Snapshot local = Snapshot.of(List.of(entry("data.csv", content)));
      syncOneFile(cache, local, content);
      assertThat(cache.plan(local).plan().isEmpty()).isTrue();
    }
  }

  @Nested
  class Logs {
    @Test
    void aSecondProcessKnowsWhereItsOutputStartsInTheAgentsLog() {
      // Given: a first process that printed its lines and ended
      AgentId id = idleAgent(JobType.JOB);
      subject
          .agents()
          .run(id, new RunRequest(Optional.of(subject.printing(List.of("a", "b"), 0)), Map.of()));
      awaitAgent(id, a -> a.status() == AgentStatus.IDLE);
      long linesBefore = subject.agents().logs(id, 0, 1000).lines().size();
      assertThat(subject.agents().inspect(id).orElseThrow().process().orElseThrow().firstLogLine())
          .isZero();
      // When
      subject
          .agents()
          .run(id, new RunRequest(Optional.of(subject.printing(List.of("c"), 0)), Map.of()));
      AgentView second = awaitAgent(id, a -> a.status() == AgentStatus.IDLE);
      // Then
      long first = second.process().orElseThrow().firstLogLine();
      assertThat(first).isEqualTo(linesBefore);
      assertThat(subject.agents().logs(id, first, 1000).lines())
          .extracting(LogLine::text)
          .startsWith("c");
    }

    @Test
    void storedLogsPageWithIncreasingOffsetsAndAreReadableAfterDeath() {
      // Given
      AgentId id = idleAgent(JobType.JOB);
      subject
          .agents()
          .run(
              id,
              new RunRequest(
                  Optional.of(subject.printing(List.of("one", "two", "three"), 0)), Map.of()));
      awaitAgent(id, a -> a.status() == AgentStatus.IDLE);
      subject.agents().kill(id);
      // When
      List<LogLine> lines = new ArrayList<>();
      long offset = 0;
      for (LogPage page = subject.agents().logs(id, offset, 2);
          !page.isEnd();
          page = subject.agents().logs(id, page.nextOffset(), 2)) {
        lines.addAll(page.lines());
      }
      // Then
      assertThat(lines).extracting(LogLine::text).containsSubsequence("one", "two", "three");
      for (int i = 0; i < lines.size(); i++) {
        assertThat(lines.get(i).offset()).isEqualTo(i);
      }
    }

    @Test
    void watchHandsOverEveryLineFromTheOffsetAndReturnsWhenTheProcessEnds() throws Exception {
      // Given
      AgentId id = idleAgent(JobType.JOB);
      subject
          .agents()
          .run(
              id,
              new RunRequest(Optional.of(subject.printing(List.of("a", "b", "c"), 0)), Map.of()));
      // When
      List<LogLine> lines = new ArrayList<>();
      subject.agents().watch(id, 1, lines::add);
      // Then
      assertThat(lines).extracting(LogLine::text).containsSubsequence("b", "c");
      assertThat(lines.get(0).offset()).isEqualTo(1);
    }
  }
}
