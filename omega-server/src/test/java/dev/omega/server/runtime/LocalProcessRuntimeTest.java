package dev.omega.server.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.omega.runtime.LaunchSpec;
import dev.omega.runtime.ProcessState;
import dev.omega.runtime.RunningProcess;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalProcessRuntimeTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  @TempDir Path dir;

  private final LocalProcessRuntime runtime = new LocalProcessRuntime();
  private final Map<RunningProcess, LaunchSpec> launched = new LinkedHashMap<>();
  private Path workspace;

  @BeforeEach
  void createWorkspace() throws IOException {
    workspace = Files.createDirectory(dir.resolve("workspace"));
  }

  @AfterEach
  void stopEverythingLaunched() throws InterruptedException {
    for (Map.Entry<RunningProcess, LaunchSpec> process : launched.entrySet()) {
      runtime.stop(process.getKey(), process.getValue(), Duration.ofMillis(100));
    }
  }

  @Test
  void jobsOutputLandsInTheLogAndItsExitCodeIsRecorded() throws Exception {
    // Given
    LaunchSpec spec = spec("pwd; echo to-stdout; echo to-stderr >&2; exit 7", Map.of());

    // When
    RunningProcess process = launch(spec);

    // Then
    ProcessState state = awaitState(process, spec, ProcessState.Exited.class);
    assertThat(((ProcessState.Exited) state).exitCode()).isEqualTo(7);
    assertThat(Files.readString(spec.exitFile(), UTF_8).trim()).isEqualTo("7");
    assertThat(Files.readAllLines(spec.logFile(), UTF_8))
        .containsExactly(workspace.toString(), "to-stdout", "to-stderr");
  }

  @Test
  void aJobThatEndsAtOnceIsNeverTakenForVanishedWhileItsLauncherRecordsTheCode() throws Exception {
    // Asked without pause while each job ends, state() must see the code the launcher records,
    // between its reaping the job and writing the code too.
    for (int i = 0; i < 60; i++) {
      LaunchSpec spec = spec("exit 3", Map.of());
      RunningProcess process = launch(spec);
      ProcessState state = runtime.state(process, spec);
      while (state instanceof ProcessState.Running) {
        state = runtime.state(process, spec);
      }
      assertThat(state).as("job %d", i).isInstanceOf(ProcessState.Exited.class);
      assertThat(((ProcessState.Exited) state).exitCode()).isEqualTo(3);
      Files.delete(spec.exitFile());
    }
  }

  @Test
  void anExitFileLeftThereIsEmptiedAtLaunchAndItsNextCodeWrittenInPlace() throws Exception {
    // Given: the exit file of an earlier run, still holding its code
    Path exitFile = spec("true", Map.of()).exitFile();
    Files.writeString(exitFile, "9\n");
    Object file = Files.getAttribute(exitFile, "unix:ino");
    // When / Then: each run's own code, never the one before it, nor vanished in between
    for (int i = 0; i < 30; i++) {
      LaunchSpec spec = spec("exit " + i % 5, Map.of());
      RunningProcess process = launch(spec);
      ProcessState state = runtime.state(process, spec);
      while (state instanceof ProcessState.Running) {
        state = runtime.state(process, spec);
      }
      assertThat(state).as("job %d", i).isInstanceOf(ProcessState.Exited.class);
      assertThat(((ProcessState.Exited) state).exitCode()).as("job %d", i).isEqualTo(i % 5);
    }
    assertThat(Files.getAttribute(exitFile, "unix:ino")).isEqualTo(file);
  }

  @Test
  void aJobThatPutsAPipeOrALinkWhereItsExitFileIsStillGetsItsCodeAndStopsNoLauncher()
      throws Exception {
    Path target = Files.writeString(dir.resolve("target.txt"), "untouched\n");
    for (String replace : List.of("mkfifo \"$1\"", "ln -s \"$2\" \"$1\"")) {
      // Given: the launch made the exit file ready; the job puts something else there
      LaunchSpec spec = spec("true", Map.of());
      Files.writeString(spec.exitFile(), "");
      String command =
          "set -- '" + spec.exitFile() + "' '" + target + "'; rm -f \"$1\"; " + replace;
      LaunchSpec job =
          new LaunchSpec(
              workspace, command + "; exit 4", Map.of(), spec.logFile(), spec.exitFile());
      // When
      RunningProcess process = launch(job);
      // Then: its code, written aside and renamed over what it put there; the link's target intact
      ProcessState state = awaitState(process, job, ProcessState.Exited.class);
      assertThat(((ProcessState.Exited) state).exitCode()).as(replace).isEqualTo(4);
      assertThat(target).hasContent("untouched");
      LaunchSpec next =
          new LaunchSpec(workspace, "exit 5", Map.of(), spec.logFile(), dir.resolve("next.exit"));
      RunningProcess answered = launch(next); // the launcher still answers
      assertThat(
              ((ProcessState.Exited) awaitState(answered, next, ProcessState.Exited.class))
                  .exitCode())
          .isEqualTo(5);
    }
  }

  @Test
  void jobsStartedFromManyThreadsAtOnceEachGetTheirOwnPidAndCode() throws Exception {
    // Given: 40 jobs, each in a workspace of its own, all asked for at once
    List<LaunchSpec> specs = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Path own = Files.createDirectory(dir.resolve("job-" + i));
      specs.add(
          new LaunchSpec(
              own, "echo $$ > pid; exit " + i, Map.of(), own.resolve("log"), own.resolve("exit")));
    }

    // When
    List<RunningProcess> processes;
    try (ExecutorService threads = Executors.newFixedThreadPool(specs.size())) {
      List<Future<RunningProcess>> started = new ArrayList<>();
      for (LaunchSpec spec : specs) {
        started.add(threads.submit(() -> launch(spec)));
      }
      processes = new ArrayList<>();
      for (Future<RunningProcess> process : started) {
        processes.add(process.get());
      }
    }

    // Then: each answer went to the thread that asked
    for (int i = 0; i < specs.size(); i++) {
      LaunchSpec spec = specs.get(i);
      ProcessState state = awaitState(processes.get(i), spec, ProcessState.Exited.class);
      assertThat(((ProcessState.Exited) state).exitCode()).isEqualTo(i);
      assertThat(readPid(spec.workspace().resolve("pid"))).contains(pid(processes.get(i)));
    }
  }

  @Test
  void aJobThatCannotStartSaysWhyAndLeavesNoCode() {
    // Given: a log file in a folder that does not exist
    Path log = dir.resolve("missing").resolve("job.log");
    LaunchSpec spec = new LaunchSpec(workspace, "echo hi", Map.of(), log, dir.resolve("job.exit"));

    // When / Then
    assertThatThrownBy(() -> launch(spec))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(log.toString());
    assertThat(spec.exitFile()).doesNotExist();
  }

  @Test
  void aJobWhoseLauncherWasKilledHasVanishedOnceItEndsAndTheNextJobGetsANewLauncher()
      throws Exception {
    // Given: a job running, and its launcher (its parent) killed
    LaunchSpec spec = spec("sleep 300", Map.of());
    RunningProcess process = launch(spec);
    long launcher = procStat(pid(process)).orElseThrow().ppid();
    assertThat(ProcessHandle.of(launcher).orElseThrow().destroyForcibly()).isTrue();
    await(() -> gone(launcher), "the launcher to end");

    // When
    runtime.stop(process, spec, Duration.ofSeconds(1));

    // Then: no one recorded its code
    assertThat(runtime.state(process, spec)).isInstanceOf(ProcessState.Vanished.class);
    LaunchSpec next =
        new LaunchSpec(
            workspace, "exit 5", Map.of(), dir.resolve("next.log"), dir.resolve("next.exit"));
    ProcessState state = awaitState(launch(next), next, ProcessState.Exited.class);
    assertThat(((ProcessState.Exited) state).exitCode()).isEqualTo(5);
  }

  @Test
  void aJobThatLeftAPipeWhereItsExitFileIsAndWhoseCodeNoOneWritesIsToldVanishedWithoutWaiting()
      throws Exception {
    // Given: a job that puts a pipe at its exit file, and its launcher killed before it ends
    LaunchSpec spec = spec("true", Map.of());
    LaunchSpec job =
        new LaunchSpec(
            workspace,
            "rm -f '" + spec.exitFile() + "'; mkfifo '" + spec.exitFile() + "'; sleep 300",
            Map.of(),
            spec.logFile(),
            spec.exitFile());
    RunningProcess process = launch(job);
    await(() -> Files.exists(job.exitFile()) && !Files.isRegularFile(job.exitFile()), "the pipe");
    long launcher = procStat(pid(process)).orElseThrow().ppid();
    assertThat(ProcessHandle.of(launcher).orElseThrow().destroyForcibly()).isTrue();
    await(() -> gone(launcher), "the launcher to end");

    // When
    runtime.stop(process, job, Duration.ofSeconds(1));

    // Then: reading the pipe as an exit file would wait for a writer forever
    ProcessState state =
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> runtime.state(process, job));
    assertThat(state).isInstanceOf(ProcessState.Vanished.class);
  }

  @Test
  void environmentIsExactlyTheSpecsPlusPathHomeAndTheJobsMark() throws Exception {
    // Given: the test JVM has variables of its own that must not leak
    Set<String> allowed = Set.of("OMEGA_TEST_SECRET", "PATH", "HOME", "PWD", "OMEGA_JOB_GROUP");
    assumeThat(System.getenv().keySet()).isNotEmpty().anyMatch(key -> !allowed.contains(key));
    LaunchSpec spec = spec("env", Map.of("OMEGA_TEST_SECRET", "s3cret"));

    // When
    RunningProcess process = launch(spec);
    awaitState(process, spec, ProcessState.Exited.class);

    // Then: PWD is set by /bin/sh itself
    Map<String, String> env = new HashMap<>();
    for (String line : Files.readAllLines(spec.logFile(), UTF_8)) {
      int eq = line.indexOf('=');
      env.put(line.substring(0, eq), line.substring(eq + 1));
    }
    assertThat(env.keySet()).isSubsetOf(allowed).contains("OMEGA_TEST_SECRET", "PATH", "HOME");
    assertThat(env).containsEntry("OMEGA_TEST_SECRET", "s3cret");
    assertThat(env).containsEntry("PATH", System.getenv("PATH"));
  }

  @Test
  void jobRunsInItsOwnSessionAndProcessGroup() throws Exception {
    // Given
    LaunchSpec spec = spec("sleep 300", Map.of());

    // When
    RunningProcess process = launch(spec);

    // Then
    ProcEntry job = procStat(pid(process)).orElseThrow();
    ProcEntry jvm = procStat(ProcessHandle.current().pid()).orElseThrow();
    assertThat(job.pgrp()).isEqualTo(pid(process));
    assertThat(job.session()).isEqualTo(pid(process));
    assertThat(job.session()).isNotEqualTo(jvm.session());
    assertThat(job.pgrp()).isNotEqualTo(jvm.pgrp());
    assertThat(runtime.state(process, spec)).isInstanceOf(ProcessState.Running.class);
    assertThat(process.startedAt()).isBetween(Instant.now().minusSeconds(10), Instant.now());
  }

  @Test
  void commandStartsWithNoSignalIgnored() throws Exception {
    // Given: the launcher ignores HUP, INT and TERM, which its children must not inherit
    LaunchSpec spec = spec("sleep 300", Map.of());

    // When
    RunningProcess process = launch(spec);
    await(() -> groupMembers(pid(process)).size() == 2, "sh and its sleep");

    // Then: of the standard signals 1-31, none is ignored (32 and up belong to the C library)
    for (long member : groupMembers(pid(process))) {
      long ignored = Long.parseUnsignedLong(procStatus(member).get("SigIgn"), 16);
      assertThat(ignored & 0x7fff_ffffL).as("SigIgn of %d", member).isZero();
    }
  }

  @Test
  void stopEndsEveryProcessOfTheGroupAndRecords143() throws Exception {
    // Given: a job with two children and a grandchild
    LaunchSpec spec = spec("sleep 300 & sleep 300 & sh -c 'sleep 300 & wait' & wait", Map.of());
    RunningProcess process = launch(spec);
    await(() -> groupMembers(pid(process)).size() == 5, "the job's five processes");
    List<Long> members = groupMembers(pid(process));

    // When
    runtime.stop(process, spec, Duration.ofSeconds(2));

    // Then
    assertThat(members).allMatch(LocalProcessRuntimeTest::gone, "gone");
    assertThat(groupMembers(pid(process))).isEmpty();
    assertThat(Files.readString(spec.exitFile(), UTF_8).trim()).isEqualTo("143");
    assertThat(runtime.state(process, spec)).isInstanceOf(ProcessState.Exited.class);
    assertThat(((ProcessState.Exited) runtime.state(process, spec)).exitCode()).isEqualTo(143);
  }

  @Test
  void stopKillsAJobIgnoringSigtermOnceTheGracePassesAndRecords137() throws Exception {
    // Given: a job ignoring SIGTERM, its children too
    LaunchSpec spec = spec("trap '' TERM; echo ready; sleep 300", Map.of());
    RunningProcess process = launch(spec);
    await(() -> logOf(spec).contains("ready"), "the trap to be set");
    await(() -> groupMembers(pid(process)).size() == 2, "the job's sleep");
    List<Long> members = groupMembers(pid(process));
    long start = System.nanoTime();

    // When
    runtime.stop(process, spec, Duration.ofMillis(500));

    // Then
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(450));
    assertThat(members).allMatch(LocalProcessRuntimeTest::gone, "gone");
    assertThat(Files.readString(spec.exitFile(), UTF_8).trim()).isEqualTo("137");
  }

  @Test
  void stopAlsoEndsADaemonThatLeftTheGroupWithSetsid() throws Exception {
    // Given: a job whose child daemonises into a session of its own, then the job itself ends
    LaunchSpec spec = spec("setsid sh -c 'echo $$ > daemon.pid; exec sleep 300' &", Map.of());
    RunningProcess process = launch(spec);
    long daemon = awaitPid(workspace.resolve("daemon.pid"));
    awaitState(process, spec, ProcessState.Exited.class);
    assertThat(procStat(daemon).orElseThrow().pgrp()).isNotEqualTo(pid(process));

    // When
    runtime.stop(process, spec, Duration.ofSeconds(2));

    // Then
    assertThat(gone(daemon)).as("the daemon %d is gone", daemon).isTrue();
  }

  @Test
  void stopAfterTheJobEndedEndsWhatItLeftRunningInItsGroup() throws Exception {
    // Given: a job that ended, leaving a child in its group
    LaunchSpec spec = spec("sleep 300 & echo $! > child.pid", Map.of());
    RunningProcess process = launch(spec);
    long child = awaitPid(workspace.resolve("child.pid"));
    awaitState(process, spec, ProcessState.Exited.class);
    assertThat(procStat(child).orElseThrow().pgrp()).isEqualTo(pid(process));

    // When
    runtime.stop(process, spec, Duration.ofSeconds(2));

    // Then
    assertThat(gone(child)).as("the child %d is gone", child).isTrue();
    assertThat(runtime.state(process, spec)).isEqualTo(exitedAsRecorded(spec, 0));
  }

  /** The PID a job's command wrote to {@code file}, once it is there. */
  private static long awaitPid(Path file) {
    await(() -> readPid(file).isPresent(), "a pid in " + file.getFileName());
    return readPid(file).orElseThrow();
  }

  private static Optional<Long> readPid(Path file) {
    try {
      String text = Files.readString(file, UTF_8).strip();
      return text.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(text));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  @Test
  void aNewRuntimeAdoptsAProcessAndStopsIt() throws Exception {
    // Given
    LaunchSpec spec = spec("sleep 300", Map.of());
    RunningProcess process = launch(spec);
    RunningProcess found = new RunningProcess(process.id(), process.startedAt());

    // When
    LocalProcessRuntime adopter = new LocalProcessRuntime();

    // Then
    assertThat(adopter.state(found, spec)).isInstanceOf(ProcessState.Running.class);
    adopter.stop(found, spec, Duration.ofSeconds(1));
    assertThat(gone(pid(process))).isTrue();
    assertThat(adopter.state(found, spec)).isEqualTo(exitedAsRecorded(spec, 143));
  }

  @Test
  void aProcessWithTheRightPidButAnotherStartTimeIsNotRunning() throws Exception {
    // Given
    LaunchSpec spec = spec("sleep 300", Map.of());
    RunningProcess process = launch(spec);
    RunningProcess impostor =
        new RunningProcess(process.id(), process.startedAt().minusSeconds(3600));

    // When
    ProcessState state = runtime.state(impostor, spec);

    // Then
    assertThat(state).isInstanceOf(ProcessState.Vanished.class);
    assertThat(runtime.state(process, spec)).isInstanceOf(ProcessState.Running.class);
  }

  @Test
  void stopLeavesAProcessWithAnotherStartTimeAlone() throws Exception {
    // Given: the PID now names another process than the one to stop
    LaunchSpec spec = spec("sleep 300", Map.of());
    RunningProcess process = launch(spec);
    RunningProcess impostor =
        new RunningProcess(process.id(), process.startedAt().minusSeconds(3600));

    // When
    runtime.stop(impostor, spec, Duration.ofMillis(100));

    // Then
    assertThat(gone(pid(process))).isFalse();
    assertThat(runtime.state(process, spec)).isInstanceOf(ProcessState.Running.class);
  }

  @Test
  void stoppingAnEndedProcessIsHarmless() throws Exception {
    // Given
    LaunchSpec spec = spec("exit 0", Map.of());
    RunningProcess process = launch(spec);
    awaitState(process, spec, ProcessState.Exited.class);

    // When
    runtime.stop(process, spec, Duration.ofSeconds(1));

    // Then
    assertThat(runtime.state(process, spec)).isEqualTo(exitedAsRecorded(spec, 0));
  }

  // --- helpers ---

  private LaunchSpec spec(String command, Map<String, String> env) {
    return new LaunchSpec(workspace, command, env, dir.resolve("job.log"), dir.resolve("job.exit"));
  }

  private RunningProcess launch(LaunchSpec spec) throws IOException {
    RunningProcess process = runtime.launch(spec);
    launched.put(process, spec);
    return process;
  }

  private ProcessState awaitState(
      RunningProcess process, LaunchSpec spec, Class<? extends ProcessState> type) {
    Supplier<ProcessState> state = () -> runtime.state(process, spec);
    await(() -> type.isInstance(state.get()), "state " + type.getSimpleName());
    return state.get();
  }

  private static ProcessState.Exited exitedAsRecorded(LaunchSpec spec, int code)
      throws IOException {
    return new ProcessState.Exited(code, Files.getLastModifiedTime(spec.exitFile()).toInstant());
  }

  private static String logOf(LaunchSpec spec) {
    try {
      return Files.readString(spec.logFile(), UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** Polls {@code condition} every 10 ms until it holds, failing after {@link #TIMEOUT}. */
  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        fail("timed out waiting for " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted waiting for " + what);
      }
    }
  }

  /** Whether no live process has this PID (a zombie no one reaps is dead all the same). */
  private static boolean gone(long pid) {
    return procStat(pid).map(ProcEntry::zombie).orElse(true);
  }

  /** The live processes whose process group is {@code pgid}. */
  private static List<Long> groupMembers(long pgid) {
    List<Long> members = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path entry : entries) {
        long pid = Long.parseLong(entry.getFileName().toString());
        procStat(pid).filter(s -> s.pgrp() == pgid && !s.zombie()).ifPresent(s -> members.add(pid));
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return members;
  }

  private static Map<String, String> procStatus(long pid) {
    Map<String, String> status = new HashMap<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        int colon = line.indexOf(':');
        status.put(line.substring(0, colon), line.substring(colon + 1).trim());
      }
    } catch (IOException e) {
      // gone
    }
    return status;
  }

  /** What {@code /proc/<pid>/stat} says, read apart from the runtime's own reading (an oracle). */
  private record ProcEntry(char state, long ppid, long pgrp, long session) {
    boolean zombie() {
      return state == 'Z' || state == 'X';
    }
  }

  private static Optional<ProcEntry> procStat(long pid) {
    try {
      String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), UTF_8);
      // pid (comm) state ppid pgrp session ...
      String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
      return Optional.of(
          new ProcEntry(
              fields[0].charAt(0),
              Long.parseLong(fields[1]),
              Long.parseLong(fields[2]),
              Long.parseLong(fields[3])));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static long pid(RunningProcess process) {
    return ProcessId.parse(process.id()).pid();
  }
}
