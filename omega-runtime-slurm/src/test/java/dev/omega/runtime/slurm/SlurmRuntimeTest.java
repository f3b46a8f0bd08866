package dev.omega.runtime.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omega.runtime.Host;
import dev.omega.runtime.HostState;
import dev.omega.runtime.LaunchSpec;
import dev.omega.runtime.ProcessState;
import dev.omega.runtime.Resources;
import dev.omega.runtime.RunningProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only the Slurm runtime does, on a real cluster, through the port alone (what every runtime
 * does is {@link SlurmRuntimeContractTest}).
 */
class SlurmRuntimeTest {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final Resources SMALL = new Resources(1, 256, 1);

  @TempDir Path shared;
  private SlurmRuntime runtime;
  private final List<Host> hosts = new ArrayList<>();
  private final Map<RunningProcess, LaunchSpec> jobs = new LinkedHashMap<>();

  @BeforeEach
  void runtime() {
    SlurmCluster.assumeReachable();
    runtime = new SlurmRuntime(SlurmCluster.settings(shared));
  }

  @AfterEach
  void releaseHostsAndJobs() throws InterruptedException {
    for (Host host : hosts) {
      runtime.release(host, Duration.ZERO);
    }
    for (Map.Entry<RunningProcess, LaunchSpec> job : jobs.entrySet()) {
      runtime.stop(job.getKey(), job.getValue(), Duration.ZERO);
    }
  }

  private RunningProcess launchAlone(Resources resources, LaunchSpec spec) throws IOException {
    RunningProcess job = runtime.launchAlone(resources, spec);
    jobs.put(job, spec);
    return job;
  }

  private Host readyHost(String name, Resources resources) throws IOException {
    Host host = provision(name, resources);
    SlurmCluster.await(
        name + " to be ready", PATIENCE, () -> runtime.state(host) instanceof HostState.Ready);
    return host;
  }

  private Host provision(String name, Resources resources) throws IOException {
    Path dir = Files.createDirectories(shared.resolve("agents").resolve(name));
    Host host = runtime.provision(resources, dir);
    hosts.add(host);
    return host;
  }

  private LaunchSpec spec(String name, String command) throws IOException {
    Path dir = Files.createDirectories(shared.resolve("runs").resolve(name));
    Path workspace = Files.createDirectories(dir.resolve("workspace"));
    return new LaunchSpec(
        workspace, command, Map.of("GREETING", "hi"), dir.resolve("out.log"), dir.resolve("exit"));
  }

  private ProcessState.Exited awaitExit(RunningProcess process, LaunchSpec spec) {
    SlurmCluster.await(
        "the command to end",
        PATIENCE,
        () -> runtime.state(process, spec) instanceof ProcessState.Exited);
    return (ProcessState.Exited) runtime.state(process, spec);
  }

  private static String jobId(Host host) {
    return Ref.parse(host.id()).jobId();
  }

  @Test
  void aHostIsStartingWhileItsSlurmJobIsPendingAndReadyOnceItRuns() throws Exception {
    // Given: a first host holds most of the node's unallocated memory
    int memory = unallocatedMemoryMb();
    Host first = readyHost("first", new Resources(1, memory - 512, 1));
    // When: a second asks for more than is left
    Host second = provision("second", new Resources(1, 1024, 1));
    // Then
    SlurmCluster.await(
        "the second job to be pending",
        PATIENCE,
        () -> SlurmCluster.jobState(jobId(second)).orElse("").equals("PENDING"));
    assertThat(runtime.state(second)).isInstanceOf(HostState.Starting.class);
    // When
    runtime.release(first, Duration.ofSeconds(1));
    // Then
    assertThat(runtime.state(first)).isInstanceOf(HostState.Ended.class);
    SlurmCluster.await(
        "the second host to be ready",
        PATIENCE,
        () -> runtime.state(second) instanceof HostState.Ready);
    assertThat(((HostState.Ready) runtime.state(second)).address()).isNotBlank();
  }

  @Test
  void aCommandRunsInsideItsHostsSlurmJobAndItsExitCodeComesBack() throws Exception {
    // Given
    Host host = readyHost("agent", SMALL);
    LaunchSpec spec = spec("one", "echo \"$GREETING from $(pwd)\"; cat /proc/self/cgroup; exit 3");
    // When
    RunningProcess process = runtime.launch(host, spec);
    // Then
    ProcessState.Exited exited = awaitExit(process, spec);
    assertThat(exited.exitCode()).isEqualTo(3);
    assertThat(Files.readString(spec.logFile()))
        .contains("hi from " + spec.workspace())
        .contains("job_" + jobId(host));
    // and the host takes the next command
    LaunchSpec next = spec("two", "exit 0");
    assertThat(awaitExit(runtime.launch(host, next), next).exitCode()).isZero();
    assertThat(runtime.state(host)).isInstanceOf(HostState.Ready.class);
  }

  @Test
  void releaseCancelsTheSlurmJobAndEndsTheHost() throws Exception {
    // Given
    Host host = readyHost("agent", SMALL);
    LaunchSpec spec = spec("sleeper", "sleep 300");
    RunningProcess process = runtime.launch(host, spec);
    // When
    runtime.release(host, Duration.ofSeconds(2));
    // Then
    assertThat(runtime.state(host)).isInstanceOf(HostState.Ended.class);
    assertThat(SlurmCluster.jobState(jobId(host)))
        .hasValueSatisfying(state -> assertThat(state).isNotIn("PENDING", "RUNNING"));
    assertThat(runtime.state(process, spec)).isNotInstanceOf(ProcessState.Running.class);
  }

  @Test
  void aJobAloneRunsInASlurmJobOfItsOwnThatEndsWithIt() throws Exception {
    // Given
    LaunchSpec spec = spec("job", "echo \"$GREETING\" > result.txt; exit 7");
    // When
    RunningProcess process = launchAlone(SMALL, spec);
    // Then
    assertThat(awaitExit(process, spec).exitCode()).isEqualTo(7);
    assertThat(spec.workspace().resolve("result.txt")).hasContent("hi");
    String jobId = Ref.parse(process.id()).jobId();
    SlurmCluster.await(
        "its Slurm job to end",
        PATIENCE,
        () -> SlurmCluster.jobState(jobId).map(s -> s.equals("COMPLETED")).orElse(true));
  }

  @Test
  void theJobsMemoryLimitIsEnforced() throws Exception {
    // Given: 64 MiB, and a command that wants 512 MiB at once
    LaunchSpec spec =
        spec("hungry", "head -c 536870912 /dev/zero | python3 -c 'import sys; sys.stdin.read()'");
    // When
    RunningProcess process = launchAlone(new Resources(1, 64, 1), spec);
    // Then: the job cgroup's OOM killer ends it with SIGKILL, before the end of its input
    assertThat(awaitExit(process, spec).exitCode()).isEqualTo(137);
  }

  /** The node's memory that no job holds now (its RealMemory less its AllocMem). */
  private static int unallocatedMemoryMb() {
    String node =
        new SlurmCommands(SlurmCluster.settings(Path.of("/")))
            .run(List.of("scontrol", "--oneliner", "show", "node"))
            .out();
    return field(node, "RealMemory") - field(node, "AllocMem");
  }

  private static int field(String line, String name) {
    for (String field : line.strip().split("\\s+")) {
      if (field.startsWith(name + "=")) {
        return Integer.parseInt(field.substring(name.length() + 1));
      }
    }
    throw new AssertionError(name + " is not in " + line);
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }
}
