package dev.omega.core.procedure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omega.core.config.OmegaConfig;
import dev.omega.core.model.AgentId;
import dev.omega.core.model.AgentSpec;
import dev.omega.core.model.AgentStatus;
import dev.omega.core.model.JobType;
import dev.omega.core.port.ApiException;
import dev.omega.core.port.RemoteFiles;
import dev.omega.core.sync.FileEntry;
import dev.omega.core.sync.Snapshot;
import dev.omega.core.sync.SyncSession;
import dev.omega.testkit.FakeOmega;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How a sync sends its uploads (the flows' tests cover what it moves). */
@Timeout(30)
class FileSyncTest {
  private static final AgentId AGENT = AgentId.random();
  // Larger than half an upload batch: each of these files is a batch of its own.
  private static final String LARGE = "x".repeat((int) (UploadBatches.MAX_BYTES / 2 + 1));

  private final FakeOmega omega = new FakeOmega(OmegaConfig.empty());

  private FileSync fileSync() {
    omega.platform.seedAgent(
        AGENT, new AgentSpec(JobType.API, "small", 10, List.of()), AgentStatus.IDLE);
    return new FileSync(omega.ports(), new Retrier(omega.clock, omega.console, Pacing.defaults()));
  }

  @Test
  void twoBatchesAreSentAtOnce() throws Exception {
    // Given: two batches, and a platform that holds each batch until another one is under way
    FileSync fileSync = fileSync();
    omega.workspace.put("a.bin", LARGE).put("b.bin", LARGE);
    CyclicBarrier both = new CyclicBarrier(2);
    RemoteFiles remote =
        new Around(omega.platform.agents().files(AGENT)) {
          @Override
          public void uploadAll(List<FileEntry> entries, Contents contents) {
            await(both);
            super.uploadAll(entries, contents);
          }
        };

    // When
    fileSync.sync(remote);

    // Then
    assertThat(omega.platform.agentFiles(AGENT)).containsOnlyKeys("a.bin", "b.bin");
  }

  @Test
  void aBatchThatFailsForGoodFailsTheSyncOnceTheOthersWereStoppedWhicheverWasSentFirst()
      throws Exception {
    // Given: three batches; the platform holds the first until it is interrupted, refuses the
    // second once the first is under way, and would store the third
    FileSync fileSync = fileSync();
    omega.workspace.put("a.bin", LARGE).put("b.bin", LARGE).put("c.bin", LARGE);
    CountDownLatch firstUnderWay = new CountDownLatch(1);
    AtomicBoolean firstEnded = new AtomicBoolean();
    RemoteFiles remote =
        new Around(omega.platform.agents().files(AGENT)) {
          @Override
          public void uploadAll(List<FileEntry> entries, Contents contents) {
            switch (entries.getFirst().path()) {
              case "a.bin" -> {
                firstUnderWay.countDown();
                try {
                  holdUntilInterrupted();
                } finally {
                  firstEnded.set(true);
                }
              }
              case "b.bin" -> {
                await(firstUnderWay);
                throw new ApiException(507, "disk-full", "b.bin would fill the disk");
              }
              default -> super.uploadAll(entries, contents);
            }
          }
        };

    // When / Then: the refusal is the sync's error at once, and nothing is sending any more
    assertThatThrownBy(() -> fileSync.sync(remote))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(507));
    assertThat(firstEnded).isTrue();
    assertThat(omega.platform.agentFiles(AGENT).keySet()).isEmpty();
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("the other batch was not sent meanwhile", e);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new AssertionError("the other batch was not sent meanwhile");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("stopped");
    }
  }

  private static void holdUntilInterrupted() {
    try {
      // A latch no one opens: only an interrupt ends the wait early.
      new CountDownLatch(1).await(1, TimeUnit.MINUTES);
      throw new AssertionError("the batch was never stopped");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("stopped");
    }
  }

  /** A platform's files, every call passed on. */
  private static class Around implements RemoteFiles {
    private final RemoteFiles inner;

    Around(RemoteFiles inner) {
      this.inner = inner;
    }

    @Override
    public Optional<String> agreedContent() {
      return inner.agreedContent();
    }

    @Override
    public SyncSession plan(Snapshot local, Set<String> leftOut) {
      return inner.plan(local, leftOut);
    }

    @Override
    public void upload(FileEntry entry, InputStream content) {
      inner.upload(entry, content);
    }

    @Override
    public void uploadAll(List<FileEntry> entries, Contents contents) {
      inner.uploadAll(entries, contents);
    }

    @Override
    public InputStream download(FileEntry entry) {
      return inner.download(entry);
    }

    @Override
    public void delete(String path) {
      inner.delete(path);
    }

    @Override
    public void commit(String syncId) {
      inner.commit(syncId);
    }
  }
}
