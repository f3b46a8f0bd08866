package dev.omega.testkit.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.omega.runtime.AgentRuntime;
import dev.omega.runtime.Host;
import dev.omega.runtime.HostState;
import dev.omega.runtime.LaunchSpec;
import dev.omega.runtime.ProcessState;
import dev.omega.runtime.Resources;
import dev.omega.runtime.RunningProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of the server's runtime port must do, the local machine and a cluster
 * alike: hosts come up, commands run there one at a time with their exit codes, stop is SIGTERM
 * then SIGKILL after the grace, and a job alone runs to its end. An implementation's test extends
 * this class and says how to make its runtime.
 */
public abstract class AgentRuntimeContract {
  /** The runtime under test, and a folder its hosts see (its files root). */
  public record Subject(AgentRuntime runtime, Path files) {}

  /** What every host and job of the contract asks for. */
  protected static final Resources SMALL = new Resources(1, 256, 1);

  protected Subject subject;
  private final List<Host> hosts = new ArrayList<>();
  private final Map<RunningProcess, LaunchSpec> processes = new LinkedHashMap<>();

  protected abstract Subject createSubject();

  /** How long a remote state change may take. */
  protected Duration patience() {
    return Duration.ofSeconds(30);
  }

  @BeforeEach
  void createSubjectUnderTest() {
    subject = createSubject();
  }

  @AfterEach
  void stopEverything() throws InterruptedException {
    for (Map.Entry<RunningProcess, LaunchSpec> process : processes.entrySet()) {
      subject.runtime().stop(process.getKey(), process.getValue(), Duration.ZERO);
    }
    for (Host host : hosts) {
      subject.runtime().release(host, Duration.ZERO);
    }
  }

  protected Host readyHost(String name) throws IOException {
    Path dir = Files.createDirectories(subject.files().resolve("agents").resolve(name));
    Host host = subject.runtime().provision(SMALL, dir);
    hosts.add(host);
    await(name + " to be ready")
        .atMost(patience())
        .pollInterval(Duration.ofMillis(20))
        .until(() -> subject.runtime().state(host) instanceof HostState.Ready);
    return host;
  }

  protected LaunchSpec spec(String name, String command) throws IOException {
    Path dir = Files.createDirectories(subject.files().resolve("runs").resolve(name));
    return new LaunchSpec(
        Files.createDirectories(dir.resolve("workspace")),
        command,
        Map.of("GREETING", "hi"),
        dir.resolve("out.log"),
        dir.resolve("exit-code"));
  }

  protected RunningProcess launch(Host host, LaunchSpec spec) throws IOException {
    RunningProcess process = subject.runtime().launch(host, spec);
    processes.put(process, spec);
    return process;
  }

  protected ProcessState.Exited awaitExit(RunningProcess process, LaunchSpec spec) {
    return (ProcessState.Exited)
        await("the command to end")
            .atMost(patience())
            .pollInterval(Duration.ofMillis(20))
            .until(
                () -> subject.runtime().state(process, spec),
                state -> state instanceof ProcessState.Exited);
  }

  protected void awaitOutput(LaunchSpec spec) {
    await("output")
        .atMost(patience())
        .pollInterval(Duration.ofMillis(20))
        .until(() -> Files.exists(spec.logFile()) && Files.size(spec.logFile()) > 0);
  }

  protected static String read(Path file) {
    try {
      return Files.readString(file, UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Nested
  class Hosts {
    @Test
    void aProvisionedHostBecomesReadyWithAnAddress() throws Exception {
      // When
      Host host = readyHost("agent");
      // Then
      assertThat(((HostState.Ready) subject.runtime().state(host)).address()).isNotBlank();
    }

    @Test
    void releasingAHostTwiceIsHarmless() throws Exception {
      // Given
      Host host = readyHost("agent");
      subject.runtime().release(host, Duration.ofSeconds(1));
      // When
      subject.runtime().release(host, Duration.ofSeconds(1));
      // Then
      assertThat(subject.runtime().state(host)).isNotInstanceOf(HostState.Starting.class);
    }
  }

  @Nested
  class Commands {
    @Test
    void commandsRunOneAfterAnotherInTheirWorkspacesWithTheirEnvironmentAndExitCodes()
        throws Exception {
      // Given
      Host host = readyHost("agent");
      LaunchSpec first = spec("first", "echo \"$GREETING from $(pwd)\"; exit 3");
      // When
      RunningProcess process = launch(host, first);
      // Then
      assertThat(awaitExit(process, first).exitCode()).isEqualTo(3);
      assertThat(read(first.logFile())).isEqualTo("hi from " + first.workspace() + "\n");
      // When
      LaunchSpec second = spec("second", "echo again");
      // Then
      assertThat(awaitExit(launch(host, second), second).exitCode()).isZero();
      assertThat(subject.runtime().state(host)).isInstanceOf(HostState.Ready.class);
    }

    @Test
    void aRunningCommandIsRunning() throws Exception {
      // Given
      Host host = readyHost("agent");
      LaunchSpec spec = spec("sleeper", "echo started; sleep 300");
      // When
      RunningProcess process = launch(host, spec);
      awaitOutput(spec);
      // Then
      assertThat(subject.runtime().state(process, spec)).isInstanceOf(ProcessState.Running.class);
    }

    @Test
    void stopSendsSigtermAndTheExitCodeSaysSo() throws Exception {
      // Given
      Host host = readyHost("agent");
      LaunchSpec spec = spec("sleeper", "echo started; sleep 300");
      RunningProcess process = launch(host, spec);
      awaitOutput(spec);
      // When
      subject.runtime().stop(process, spec, Duration.ofSeconds(5));
      // Then
      assertThat(awaitExit(process, spec).exitCode()).isEqualTo(143);
    }

    @Test
    void stopSendsSigkillOnceTheGraceHasPassed() throws Exception {
      // Given: a command that ignores SIGTERM, children and all
      Host host = readyHost("agent");
      LaunchSpec spec = spec("stubborn", "trap '' TERM; echo started; while :; do sleep 0.1; done");
      RunningProcess process = launch(host, spec);
      awaitOutput(spec);
      // When
      subject.runtime().stop(process, spec, Duration.ofSeconds(1));
      // Then
      assertThat(awaitExit(process, spec).exitCode()).isEqualTo(137);
    }

    @Test
    void stoppingAnEndedCommandIsHarmless() throws Exception {
      // Given
      Host host = readyHost("agent");
      LaunchSpec spec = spec("quick", "exit 4");
      RunningProcess process = launch(host, spec);
      ProcessState.Exited exited = awaitExit(process, spec);
      // When
      subject.runtime().stop(process, spec, Duration.ofSeconds(1));
      // Then
      assertThat(subject.runtime().state(process, spec)).isEqualTo(exited);
    }
  }

  @Nested
  class Jobs {
    @Test
    void aJobAloneRunsToItsEndWithItsExitCodeAndLeavesItsFiles() throws Exception {
      // Given
      LaunchSpec spec = spec("job", "echo \"$GREETING\" > result.txt; echo done; exit 7");
      // When
      RunningProcess process = subject.runtime().launchAlone(SMALL, spec);
      processes.put(process, spec);
      // Then
      assertThat(awaitExit(process, spec).exitCode()).isEqualTo(7);
      assertThat(read(spec.workspace().resolve("result.txt"))).isEqualTo("hi\n");
      assertThat(read(spec.logFile())).isEqualTo("done\n");
    }
  }
}
