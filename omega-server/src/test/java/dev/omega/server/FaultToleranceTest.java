package dev.omega.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.omega.core.flow.RunFlow;
import dev.omega.core.flow.SyncFlow;
import dev.omega.core.model.JobType;
import dev.omega.core.port.ConsoleEvent;
import dev.omega.core.procedure.Pacing;
import dev.omega.core.sync.Sha256;
import dev.omega.testkit.FaultProxy.Fault;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scripted faults between the HTTP adapter and the real server, one kind at a time: each flow still
 * ends correct, each file arrives whole, each log line is shown once.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FaultToleranceTest {
  /** Prints {@code line 1} to {@code line 40} over about two seconds. */
  static final String COUNT_TO_40 =
      "i=1; while [ $i -le 40 ]; do echo \"line $i\"; i=$((i+1)); sleep 0.05; done";

  static final RunFlow.Request FOLLOW = new RunFlow.Request(true);

  @TempDir Path data;
  private ProxiedOmega omega;

  @AfterEach
  void stop() {
    if (omega != null) {
      omega.close();
    }
  }

  static List<String> countedTo40() {
    return IntStream.rangeClosed(1, 40).mapToObj(i -> "line " + i).toList();
  }

  /** {@code size} random letters, the same for the same seed. */
  static String randomText(long seed, int size) {
    Random random = new Random(seed);
    StringBuilder text = new StringBuilder(size);
    for (int i = 0; i < size; i++) {
      text.append((char) ('a' + random.nextInt(26)));
    }
    return text.toString();
  }

  private ProxiedOmega job(String command) throws IOException {
    omega = new ProxiedOmega(data, ProxiedOmega.project(JobType.JOB, command), 42);
    return omega;
  }

  @Test
  void aResetMidUploadIsRetriedAndTheFileArrivesWhole() throws Exception {
    // Given
    job("sha256sum data.bin");
    byte[] content = randomText(1, 2 << 20).getBytes(UTF_8);
    omega.workspace.put("data.bin", new String(content, UTF_8));
    omega.proxy.inject(Fault.RESET, "/files/data.bin ", 512 * 1024);
    // When
    new RunFlow(omega.procedures()).run(FOLLOW);
    // Then
    assertThat(omega.proxy.counts().resets()).isEqualTo(1);
    assertThat(omega.remoteFile("data.bin")).isEqualTo(content);
    assertThat(omega.console.logLines()).containsExactly(Sha256.hex(content) + "  data.bin");
    assertThat(omega.console.events(ConsoleEvent.Retrying.class))
        .extracting(ConsoleEvent.Retrying::call)
        .containsExactly("upload data.bin");
  }

  @Test
  void aResetAndATruncationMidDownloadAreResumedAndTheFileArrivesWhole() throws Exception {
    // Given: a job wrote 3 MB on the agent; its download will break twice
    job("head -c 3000000 /dev/urandom > result.bin");
    omega
        .proxy
        .inject(Fault.RESET, "/files/result.bin ", 1 << 20)
        .inject(Fault.TRUNCATE, "/files/result.bin ", 1 << 20);
    // When: the run follows the job to its end and brings its output home
    new RunFlow(omega.procedures()).run(FOLLOW);
    // Then
    assertThat(omega.proxy.counts().resets()).isEqualTo(1);
    assertThat(omega.proxy.counts().truncations()).isEqualTo(1);
    assertThat(omega.workspace.contents().get("result.bin"))
        .hasSize(3_000_000)
        .isEqualTo(omega.remoteFile("result.bin"));
  }

  @Test
  void aLogStreamResetAndTruncatedMidwayStillShowsEachLineOnce() throws Exception {
    // Given
    job(COUNT_TO_40);
    omega.proxy.inject(Fault.RESET, "/watch ", 300).inject(Fault.TRUNCATE, "/watch ", 300);
    // When
    new RunFlow(omega.procedures()).run(FOLLOW);
    // Then
    assertThat(omega.proxy.counts().resets()).isEqualTo(1);
    assertThat(omega.proxy.counts().truncations()).isEqualTo(1);
    assertThat(omega.console.logLines()).isEqualTo(countedTo40()).isEqualTo(omega.storedLog());
    assertThat(omega.console.events(ConsoleEvent.Warning.class)).isEmpty();
  }

  @Test
  void burstsOf503And429AreWaitedOutAsTheirRetryAfterAsks() throws Exception {
    // Given
    job("echo hello");
    omega.proxy.answerNext(3, 503).answerNext(2, 429);
    long start = System.nanoTime();
    // When
    new RunFlow(omega.procedures()).run(FOLLOW);
    // Then
    assertThat(omega.proxy.counts().answered()).isEqualTo(5);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofSeconds(5));
    assertThat(omega.console.events(ConsoleEvent.Retrying.class))
        .hasSize(5)
        .allSatisfy(r -> assertThat(r.delay()).isEqualTo(Duration.ofSeconds(1)));
    assertThat(omega.console.logLines()).containsExactly("hello");
  }

  @Test
  void responsesSlowerThanTheTimeoutAreRetried() throws Exception {
    // Given: the first look at the agent, the log stream and the download stall past 2 s
    job("head -c 3000000 /dev/urandom > result.bin; " + COUNT_TO_40);
    omega
        .proxy
        .inject(Fault.STALL, "GET /api/v1/agents/", 0)
        .inject(Fault.STALL, "/watch ", 300)
        .inject(Fault.STALL, "/files/result.bin ", 1 << 20);
    // When
    new RunFlow(omega.procedures()).run(FOLLOW);
    new SyncFlow(omega.procedures()).run();
    // Then
    assertThat(omega.proxy.counts().stalls()).isEqualTo(3);
    assertThat(omega.console.logLines()).isEqualTo(countedTo40());
    assertThat(omega.workspace.contents().get("result.bin"))
        .isEqualTo(omega.remoteFile("result.bin"));
  }

  @Test
  void aShortJobWhoseStartAnswerWasCutRunsOnce() throws Exception {
    // Given: the answer to the start is lost; the job is over before the next look at the agent
    job("echo once");
    omega.proxy.inject(Fault.TRUNCATE, "/run ", 0);
    Pacing slowPolls =
        new Pacing(
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            Duration.ofSeconds(20),
            Duration.ofMillis(50),
            Duration.ofMillis(500),
            Duration.ofSeconds(60),
            1000);
    // When
    new RunFlow(omega.procedures(slowPolls)).run(FOLLOW);
    // Then
    assertThat(omega.proxy.counts().truncations()).isEqualTo(1);
    assertThat(omega.storedLog()).containsExactly("once");
    assertThat(omega.console.logLines()).containsExactly("once");
  }
}
