package dev.omega.server.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedScansTest {
  private final SharedScans scans = new SharedScans();

  @Test
  void aTableBegunAfterTheTimeAskedForServesAgain() throws Exception {
    long asked = System.nanoTime();
    ProcessTable first = scans.begunAfter(asked);

    assertThat(first.begun()).isGreaterThanOrEqualTo(asked);
    assertThat(scans.begunAfter(asked)).isSameAs(first);
  }

  @Test
  void aTableBegunBeforeTheTimeAskedForIsNeverGiven() throws Exception {
    ProcessTable first = scans.begunAfter(System.nanoTime());

    long asked = System.nanoTime();
    ProcessTable second = scans.begunAfter(asked);

    assertThat(second).isNotSameAs(first);
    assertThat(second.begun()).isGreaterThanOrEqualTo(asked);
  }

  @Test
  void threadsAskingAtOnceEachGetATableBegunAfterTheyAsked() throws Exception {
    int threads = 40;
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Boolean>> answers = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < threads; i++) {
        answers.add(
            pool.submit(
                () -> {
                  go.await();
                  long asked = System.nanoTime();
                  return scans.begunAfter(asked).begun() - asked >= 0;
                }));
      }
      go.countDown();
      for (Future<Boolean> answer : answers) {
        assertThat(answer.get()).isTrue();
      }
    }
  }

  @Test
  void threadsThatAskedBeforeAPassBeganAllGetThatOnePass() throws Exception {
    // Given: a pass under way, held until released, and the time every thread asks about
    long asked = System.nanoTime();
    CountDownLatch scanning = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger passes = new AtomicInteger();
    SharedScans held =
        new SharedScans(
            () -> {
              passes.incrementAndGet();
              scanning.countDown();
              awaitQuietly(release);
              return ProcessTable.scan();
            });
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<ProcessTable> first = pool.submit(() -> held.begunAfter(asked));
      scanning.await();
      List<Future<ProcessTable>> others = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        others.add(pool.submit(() -> held.begunAfter(asked)));
      }

      // When
      release.countDown();

      // Then
      for (Future<ProcessTable> other : others) {
        assertThat(other.get()).isSameAs(first.get());
      }
      assertThat(passes).hasValue(1);
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aTableListsThisProcessAndReadsItsEnvironment() throws Exception {
    long self = ProcessHandle.current().pid();

    ProcessTable table = scans.begunAfter(System.nanoTime());

    assertThat(table.processes()).anyMatch(p -> p.pid() == self);
    assertThat(new String(table.environment(self).orElseThrow()))
        .contains("PATH=" + System.getenv("PATH"));
  }
}
