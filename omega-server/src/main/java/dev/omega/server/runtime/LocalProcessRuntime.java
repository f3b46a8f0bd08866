package dev.omega.server.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.omega.runtime.AgentRuntime;
import dev.omega.runtime.Host;
import dev.omega.runtime.HostState;
import dev.omega.runtime.LaunchSpec;
import dev.omega.runtime.ProcessState;
import dev.omega.runtime.Resources;
import dev.omega.runtime.RunningProcess;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs agents' processes as real processes of this machine (Linux: it reads {@code /proc}).
 *
 * <p>A {@link JobLauncher}, one resident process, starts every job: it forks, the child calls
 * {@code setsid} (becoming the leader of a new session and process group, its PID being the group's
 * id, so that no signal to the server reaches it: a terminal's Ctrl-C, a hang-up, a kill of the
 * server's process group), resets every signal to its default disposition, and execs {@code /bin/sh
 * -c <command>}, its stdin {@code /dev/null}, its stdout and stderr the log file, opened for
 * appending. The launcher is the job's parent, outside its group: it records the job's exit status
 * ({@code $?} of a shell: the code, or 128 + the signal's number when a signal ended it) in the
 * exit file: in place, in one write, when the file is there (the launch empties it, and an empty
 * file is no code yet), else written aside and renamed; so never seen half-written. So even a
 * SIGKILL of the group leaves 137 (143 for a SIGTERM the command did not survive). A process's id
 * names its launcher too, so that its state can tell "ended, the code still to come" from
 * "vanished". Only a kill of the launcher itself (SIGKILL, or of the whole cgroup) leaves no exit
 * code: the process then {@linkplain ProcessState.Vanished vanished}.
 *
 * <p>The job's group is what {@link #stop} signals, together with any descendant that left the
 * group (a daemon calls {@code setsid}) but still carries the job's mark in its environment: {@code
 * OMEGA_JOB_GROUP=<the group's id>}, set before the command starts, so inherited by everything it
 * forks (as Jenkins finds a build's processes). Only a process that also clears its environment
 * escapes; cgroups would catch that one.
 *
 * <p>The job's environment is exactly the spec's, plus {@code PATH} (the server's) and {@code HOME}
 * (the server's) when the spec lacks them, and {@code OMEGA_JOB_GROUP}; {@code /bin/sh} adds {@code
 * PWD}. Nothing is kept in memory: a process is found again, by any instance in any JVM, from its
 * PID and its start time as the OS tells them (the start time guards against a reused PID).
 *
 * <p>An agent's host is this machine itself: always ready, at 127.0.0.1; releasing it ends nothing
 * (the server stops the agent's process first). A task's job runs like an agent's process.
 */
public final class LocalProcessRuntime implements AgentRuntime {
  /** The environment variable that marks every process a job starts, whatever its group. */
  static final String JOB_MARK = "OMEGA_JOB_GROUP";

  private static final Duration POLL = Duration.ofMillis(10);
  private static final Duration KILL_RESEND = Duration.ofMillis(100);
  private static final Duration KILL_LIMIT = Duration.ofSeconds(10);
  private static final Duration CODE_WAIT = Duration.ofSeconds(2);

  /** Longer than any code a launcher writes: what is, a launcher did not write. */
  private static final int MAX_EXIT_FILE = 64;

  private final JobLauncher launcher;
  private final SharedScans scans = new SharedScans();
  private final String path;
  private final String home;

  /** A runtime for this machine, finding {@code perl} on the server's PATH. */
  public LocalProcessRuntime() {
    String serverPath = System.getenv("PATH");
    this.path =
        serverPath == null || serverPath.isBlank()
            ? "/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin"
            : serverPath;
    this.launcher = new JobLauncher(executable("perl", this.path));
    String serverHome = System.getenv("HOME");
    this.home =
        serverHome == null || serverHome.isBlank() ? System.getProperty("user.home") : serverHome;
  }

  private static final Host THIS_MACHINE = new Host("local");

  @Override
  public Host provision(Resources resources, Path dir) {
    return THIS_MACHINE;
  }

  @Override
  public HostState state(Host host) {
    return new HostState.Ready("127.0.0.1");
  }

  @Override
  public void release(Host host, Duration grace) {}

  @Override
  public RunningProcess launch(Host host, LaunchSpec spec) throws IOException {
    return launch(spec);
  }

  @Override
  public RunningProcess launchAlone(Resources resources, LaunchSpec spec) throws IOException {
    return launch(spec);
  }

  /** Starts {@code spec}'s command on this machine. */
  public RunningProcess launch(LaunchSpec spec) throws IOException {
    requireNonNull(spec, "spec");
    Path workspace = spec.workspace().toAbsolutePath().normalize();
    Path logFile = spec.logFile().toAbsolutePath().normalize();
    Path exitFile = spec.exitFile().toAbsolutePath().normalize();
    if (!Files.isDirectory(workspace)) {
      throw new IOException("workspace is not a directory: " + workspace);
    }
    Path exitDir = exitFile.getParent();
    if (exitDir == null || !Files.isDirectory(exitDir)) {
      throw new IOException("exit file's directory does not exist: " + exitFile);
    }
    Path logDir = logFile.getParent();
    if (logDir == null || !Files.isDirectory(logDir)) {
      throw new IOException("log file's directory does not exist: " + logFile);
    }
    emptyExitFile(exitFile); // a stale code would pass for this run's

    Map<String, String> env = new HashMap<>(spec.env());
    env.putIfAbsent("PATH", path);
    if (home != null) {
      env.putIfAbsent("HOME", home);
    }
    JobLauncher.Started started = launcher.start(workspace, spec.command(), logFile, exitFile, env);
    return new RunningProcess(
        new ProcessId(started.pid(), Optional.of(started.launcher())).toString(),
        started.startedAt());
  }

  @Override
  public ProcessState state(RunningProcess process, LaunchSpec spec) {
    requireNonNull(process, "process");
    requireNonNull(spec, "spec");
    long pid = pid(process);
    Optional<ProcStat> stat = ProcStat.read(pid);
    boolean pidReused = false;
    if (stat.isPresent() && !stat.get().zombie()) {
      if (isLeaderOf(process, stat.get())) {
        return new ProcessState.Running();
      }
      pidReused = true; // another process holds the PID now
    }
    Path exitFile = spec.exitFile().toAbsolutePath().normalize();
    Optional<ProcessState.Exited> exited = readExitFile(exitFile);
    if (exited.isPresent()) {
      return exited.get();
    }
    // The job ended, but its launcher may be about to record the code: not vanished yet.
    if (!pidReused && launcherAlive(process)) {
      return new ProcessState.Running();
    }
    // No launcher now: it may have recorded the code and ended between the two looks above.
    return readExitFile(exitFile)
        .<ProcessState>map(code -> code)
        .orElse(new ProcessState.Vanished());
  }

  @Override
  public void stop(RunningProcess process, LaunchSpec spec, Duration grace)
      throws InterruptedException {
    requireNonNull(process, "process");
    requireNonNull(spec, "spec");
    requireNonNull(grace, "grace");
    if (!signalUntilEnded(process, grace)) {
      return;
    }
    // Let the launcher record the exit code, so that state() tells it right after stop().
    Path exitFile = spec.exitFile().toAbsolutePath().normalize();
    long end = System.nanoTime() + CODE_WAIT.toNanos();
    while (readExitFile(exitFile).isEmpty()
        && launcherAlive(process)
        && System.nanoTime() - end < 0) {
      sleep(POLL.toNanos());
    }
  }

  /**
   * SIGTERM to the job's group and escapees, SIGKILL once the grace has passed, until all ended.
   * Returns false when nothing of it was left to signal.
   */
  private boolean signalUntilEnded(RunningProcess process, Duration grace)
      throws InterruptedException {
    long pgid = pid(process);
    if (pgid <= 1) {
      throw new IllegalArgumentException("not a process group of a job: " + pgid);
    }
    Optional<ProcStat> leader = ProcStat.read(pgid);
    if (leader.isPresent()) {
      if (!isLeaderOf(process, leader.get())) {
        return false; // the PID was reused: our group is long gone
      }
    } else {
      // A pass begun after the leader was seen gone sees what is left of the job; jobs that ended
      // together share one.
      ProcessTable table = scans.begunAfter(System.nanoTime());
      if (!hasLeftovers(process, table) && escapees(process, table).isEmpty()) {
        return false; // ended, nothing left of its group
      }
    }

    signalGroup(pgid, "TERM");
    List<ProcessHandle> escaped = escapees(process, ProcessTable.scan());
    escaped.forEach(ProcessHandle::destroy);
    long graceEnd = System.nanoTime() + Math.max(0, grace.toNanos());
    while (groupAlive(pgid) || escaped.stream().anyMatch(ProcessHandle::isAlive)) {
      long left = graceEnd - System.nanoTime();
      if (left <= 0) {
        break;
      }
      sleep(Math.min(left, POLL.toNanos()));
    }
    escaped = escapees(process, ProcessTable.scan());
    if (groupAlive(pgid) || !escaped.isEmpty()) {
      long killEnd = System.nanoTime() + KILL_LIMIT.toNanos();
      long nextKill = System.nanoTime();
      while (groupAlive(pgid) || escaped.stream().anyMatch(ProcessHandle::isAlive)) {
        long now = System.nanoTime();
        if (now - killEnd >= 0) {
          throw new IllegalStateException(
              "process group " + pgid + " survived SIGKILL for " + KILL_LIMIT);
        }
        if (now - nextKill >= 0) {
          signalGroup(pgid, "KILL");
          escaped = escapees(process, ProcessTable.scan());
          escaped.forEach(ProcessHandle::destroyForcibly);
          nextKill = now + KILL_RESEND.toNanos();
        }
        sleep(POLL.toNanos());
      }
    }
    return true;
  }

  /** Whether {@code stat} (the process now at {@code process.pid()}) is {@code process}. */
  private static boolean isLeaderOf(RunningProcess process, ProcStat stat) {
    long pid = pid(process);
    return stat.pgrp() == pid && stat.session() == pid && stat.startedNear(process.startedAt());
  }

  /**
   * Whether members of {@code process}'s group outlive its leader. The kernel does not hand out a
   * PID while a process group of that id exists, so members in that group and session, started no
   * earlier than the leader, are the leader's descendants.
   */
  private static boolean hasLeftovers(RunningProcess process, ProcessTable table) {
    long pgid = pid(process);
    Instant earliest = process.startedAt().minus(ProcStat.START_TIME_TOLERANCE);
    for (ProcStat member : table.group(pgid)) {
      if (member.session() == pgid && !member.startedAt().isBefore(earliest)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The live processes outside the job's group that carry its mark ({@code OMEGA_JOB_GROUP}) and
   * started no earlier than its leader: its descendants that left the group. Their environment is
   * read from {@code /proc/<pid>/environ}, which only their owner (the server's user) may read.
   */
  private static List<ProcessHandle> escapees(RunningProcess process, ProcessTable table) {
    long pgid = pid(process);
    byte[] mark = (JOB_MARK + "=" + pgid).getBytes(UTF_8);
    Instant earliest = process.startedAt().minus(ProcStat.START_TIME_TOLERANCE);
    List<ProcessHandle> escaped = new ArrayList<>();
    for (ProcStat stat : table.processes()) {
      if (stat.zombie() || stat.pgrp() == pgid || stat.startedAt().isBefore(earliest)) {
        continue; // the environment is read only of processes that could be the job's
      }
      // none when gone, or not ours to read (and so not ours to stop)
      Optional<byte[]> environ = table.environment(stat.pid());
      if (environ.isPresent() && holds(environ.get(), mark)) {
        ProcessHandle.of(stat.pid()).ifPresent(escaped::add);
      }
    }
    return escaped;
  }

  /** Whether the NUL-separated {@code environ} holds the entry {@code entry} ("NAME=value"). */
  private static boolean holds(byte[] environ, byte[] entry) {
    outer:
    for (int i = 0; i + entry.length <= environ.length; i++) {
      if (i > 0 && environ[i - 1] != 0) {
        continue;
      }
      for (int j = 0; j < entry.length; j++) {
        if (environ[i + j] != entry[j]) {
          continue outer;
        }
      }
      if (i + entry.length == environ.length || environ[i + entry.length] == 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean groupAlive(long pgid) {
    return !ProcessTable.scan().group(pgid).isEmpty();
  }

  /** Whether the launcher that started {@code process} lives, so its exit code may still come. */
  private static boolean launcherAlive(RunningProcess process) {
    return ProcessId.parse(process.id())
        .launcher()
        .map(
            launcher ->
                ProcStat.read(launcher.pid())
                    .filter(s -> !s.zombie() && s.startedNear(launcher.startedAt()))
                    .isPresent())
        .orElse(false);
  }

  /**
   * Empties the exit file when it holds a code; the launcher writes the next one in place (no new
   * file made), or aside and renamed when there is none. Anything but a file is deleted.
   */
  private static void emptyExitFile(Path exitFile) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes =
          Files.readAttributes(exitFile, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return;
    }
    if (!attributes.isRegularFile()) {
      Files.delete(exitFile);
    } else if (attributes.size() > 0) {
      FileChannel.open(
              exitFile,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING,
              LinkOption.NOFOLLOW_LINKS)
          .close();
    }
  }

  /**
   * The code in the exit file; none while it is missing or empty (the code still to come). Opened
   * for reading and writing, as a pipe a job put there opened for reading alone would wait for a
   * writer; a pipe's size is 0, so nothing is read from it.
   */
  private static Optional<ProcessState.Exited> readExitFile(Path exitFile) {
    try (FileChannel in =
        FileChannel.open(
            exitFile,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS)) {
      long size = in.size();
      if (size == 0 || size > MAX_EXIT_FILE) {
        return Optional.empty();
      }
      ByteBuffer bytes = ByteBuffer.allocate((int) size);
      while (bytes.hasRemaining() && in.read(bytes, bytes.position()) > 0) {
        // a code is one short line, read whole
      }
      String text = new String(bytes.array(), 0, bytes.position(), UTF_8).trim();
      if (text.isEmpty()) {
        return Optional.empty();
      }
      Instant at = Files.getLastModifiedTime(exitFile, LinkOption.NOFOLLOW_LINKS).toInstant();
      return Optional.of(new ProcessState.Exited(Integer.parseInt(text), at));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty(); // not written by a launcher: no code to trust
    }
  }

  private static void signalGroup(long pgid, String signal) throws InterruptedException {
    // Java cannot signal a process group; the shell's kill builtin can, in one atomic kill(2).
    try {
      Process kill =
          new ProcessBuilder(
                  "/bin/sh", "-c", "kill -s \"$1\" -- \"-$2\"", "omega-kill", signal, "" + pgid)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      kill.waitFor();
    } catch (IOException e) {
      throw new IllegalStateException("cannot signal process group " + pgid, e);
    }
  }

  private static long pid(RunningProcess process) {
    return ProcessId.parse(process.id()).pid();
  }

  private static void sleep(long nanos) throws InterruptedException {
    Thread.sleep(Duration.ofNanos(Math.max(nanos, 1_000_000)));
  }

  private static String executable(String name, String path) {
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    for (String dir : List.of("/usr/bin", "/bin")) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new IllegalStateException(name + " is not on PATH (" + path + ")");
  }
}
