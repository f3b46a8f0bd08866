package dev.omega.runtime.slurm;

import static java.util.Objects.requireNonNull;

import dev.omega.runtime.AgentRuntime;
import dev.omega.runtime.Host;
import dev.omega.runtime.HostState;
import dev.omega.runtime.LaunchSpec;
import dev.omega.runtime.ProcessState;
import dev.omega.runtime.Resources;
import dev.omega.runtime.RunningProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Agents and jobs as Slurm jobs. An agent's host is one job ({@code sbatch}) whose batch script is
 * Omega's supervisor ({@code supervisor.sh}, which documents the protocol): it holds the allocation
 * and runs the commands the server drops into the host's folder on the shared folder, one at a
 * time, each in a session of its own inside the job's cgroup. A task's job is such a job that ends
 * after its one run. Status comes from {@code squeue}; exit codes from the run folders; nothing is
 * kept in memory but a short-lived cache of {@code squeue}'s answer, so that a restarted server
 * finds everything again by job id. This class is threadsafe.
 */
public final class SlurmRuntime implements AgentRuntime {
  /** How old an answer of squeue may be; the monitors ask ten times a second for every agent. */
  private static final Duration JOBS_FRESH = Duration.ofMillis(200);

  private static final Duration POLL = Duration.ofMillis(100);

  /** Beyond the grace: the supervisor's tick, then SIGKILL's effect, then Slurm's cleanup. */
  private static final Duration MARGIN = Duration.ofSeconds(30);

  private final SlurmSettings settings;
  private final SlurmCommands slurm;
  private final SizeCheck sizes;
  private final RunFolders runs;
  private final Path supervisor;
  private final String path;
  private final String home;
  private final Map<String, String> addresses = new ConcurrentHashMap<>();
  private final Object jobsLock = new Object();
  private Map<String, SlurmJob> jobs = Map.of();
  private long jobsAt = Long.MIN_VALUE;

  /**
   * A runtime on the cluster {@code settings} reach; writes the supervisor into the shared folder.
   *
   * @throws IllegalArgumentException when the shared folder cannot be written
   */
  public SlurmRuntime(SlurmSettings settings) {
    this.settings = requireNonNull(settings, "settings");
    this.slurm = new SlurmCommands(settings);
    this.sizes = new SizeCheck(slurm, settings.partition());
    String serverPath = System.getenv("PATH");
    this.path =
        serverPath == null || serverPath.isBlank()
            ? "/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin"
            : serverPath;
    String serverHome = System.getenv("HOME");
    this.home =
        serverHome == null || serverHome.isBlank() ? System.getProperty("user.home") : serverHome;
    this.runs = new RunFolders(settings.sharedDir(), path, home);
    this.supervisor = settings.sharedDir().resolve(".omega-slurm").resolve("supervisor.sh");
    try {
      writeSupervisor();
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "slurm.shared_dir: cannot write "
              + supervisor
              + " ("
              + e.getMessage()
              + "); the server needs a folder it can write that every node sees",
          e);
    }
  }

  @Override
  public Path filesRoot(Path dataDir) {
    return settings.sharedDir();
  }

  @Override
  public Optional<String> refusal(Resources resources) {
    return sizes.refusal(options(resources, "omega-check"));
  }

  @Override
  public Host provision(Resources resources, Path dir) throws IOException {
    Path hostDir = dir.toAbsolutePath().normalize().resolve("slurm");
    Files.createDirectories(hostDir.resolve("runs"));
    Files.deleteIfExists(hostDir.resolve("ready"));
    List<String> options = options(resources, "omega-agent-" + dir.getFileName());
    options.add("--output=" + hostDir.resolve("supervisor.log"));
    options.add("--chdir=" + hostDir);
    String jobId = slurm.submit(options, supervisor, List.of(hostDir.toString()));
    return new Host(new Ref(jobId, hostDir).id());
  }

  @Override
  public HostState state(Host host) {
    Ref ref = Ref.parse(host.id());
    Optional<SlurmJob> job = job(ref.jobId());
    if (job.isEmpty()) {
      return new HostState.Ended("Slurm no longer knows its job " + ref.jobId());
    }
    if (job.get().waiting()) {
      return new HostState.Starting();
    }
    if (job.get().running()) {
      return Files.exists(ref.dir().resolve("ready"))
          ? new HostState.Ready(addresses.computeIfAbsent(job.get().node(), slurm::address))
          : new HostState.Starting();
    }
    if (job.get().over()) {
      return new HostState.Ended("its Slurm job " + ref.jobId() + " is " + job.get().state());
    }
    return new HostState.Starting(); // suspended, or completing: it answers no command
  }

  @Override
  public void release(Host host, Duration grace) throws InterruptedException {
    Ref ref = Ref.parse(host.id());
    Optional<SlurmJob> job = job(ref.jobId());
    if (job.isEmpty() || job.get().over()) {
      return;
    }
    if (!job.get().waiting()) {
      slurm.signal(ref.jobId(), "TERM");
      awaitOver(ref.jobId(), grace);
    }
    slurm.cancel(ref.jobId());
    awaitOver(ref.jobId(), MARGIN);
  }

  @Override
  public RunningProcess launch(Host host, LaunchSpec spec) throws IOException {
    Ref ref = Ref.parse(host.id());
    Path run = runs.write(ref.dir().resolve("runs"), spec);
    return new RunningProcess(new Ref(ref.jobId(), run).id(), Instant.now());
  }

  @Override
  public RunningProcess launchAlone(Resources resources, LaunchSpec spec) throws IOException {
    Path hostDir = spec.exitFile().toAbsolutePath().normalize().resolveSibling("slurm");
    Path run = runs.write(hostDir.resolve("runs"), spec);
    List<String> options = options(resources, "omega-job-" + hostDir.getParent().getFileName());
    options.add("--output=" + hostDir.resolve("supervisor.log"));
    options.add("--chdir=" + hostDir);
    String jobId = slurm.submit(options, supervisor, List.of(hostDir.toString(), "once"));
    return new RunningProcess(new Ref(jobId, run).id(), Instant.now());
  }

  @Override
  public ProcessState state(RunningProcess process, LaunchSpec spec) {
    Ref ref = Ref.parse(process.id());
    Optional<ProcessState.Exited> exited = RunFolders.exited(ref.dir(), "exit");
    if (exited.isPresent()) {
      return exited.get();
    }
    Optional<SlurmJob> job = job(ref.jobId());
    if (job.isPresent() && !job.get().over()) {
      return new ProcessState.Running();
    }
    // The supervisor writes the code before its job ends: look again, after squeue's answer; a
    // code it had no time to publish (its job was cancelled) counts too.
    return RunFolders.exited(ref.dir(), "exit")
        .or(() -> RunFolders.exited(ref.dir(), "code"))
        .<ProcessState>map(e -> e)
        .orElseGet(ProcessState.Vanished::new);
  }

  @Override
  public void stop(RunningProcess process, LaunchSpec spec, Duration grace)
      throws InterruptedException {
    Ref ref = Ref.parse(process.id());
    if (RunFolders.exited(ref.dir(), "exit").isPresent()) {
      return;
    }
    Optional<SlurmJob> job = job(ref.jobId());
    if (job.isEmpty() || job.get().over()) {
      return;
    }
    if (job.get().waiting()) {
      slurm.cancel(ref.jobId()); // a task's job not started yet: nothing to signal
      awaitOver(ref.jobId(), MARGIN);
      return;
    }
    RunFolders.requestStop(ref.dir(), grace);
    long end = System.nanoTime() + grace.plus(MARGIN).toNanos();
    while (RunFolders.exited(ref.dir(), "exit").isEmpty()) {
      if (job(ref.jobId()).map(SlurmJob::over).orElse(true)) {
        return;
      }
      if (System.nanoTime() - end > 0) {
        throw new IllegalStateException(
            "the command of " + ref.dir() + " was not stopped within " + grace.plus(MARGIN));
      }
      Thread.sleep(POLL);
    }
  }

  /** {@code sbatch}'s options for {@code resources} in the configured partition and account. */
  private List<String> options(Resources resources, String name) {
    List<String> options = new ArrayList<>();
    options.add("--job-name=" + name);
    settings.partition().ifPresent(p -> options.add("--partition=" + p));
    settings.account().ifPresent(a -> options.add("--account=" + a));
    options.add("--nodes=1");
    options.add("--ntasks=1");
    options.add("--cpus-per-task=" + resources.cpus());
    options.add("--mem=" + resources.memoryMb() + "M");
    options.add("--tmp=" + resources.diskGb() + "G");
    return options;
  }

  /** The job as squeue tells it; a job missing from a cached answer is looked up afresh. */
  private Optional<SlurmJob> job(String jobId) {
    SlurmJob job = jobs(false).get(jobId);
    if (job == null) {
      job = jobs(true).get(jobId);
    }
    return Optional.ofNullable(job);
  }

  private Map<String, SlurmJob> jobs(boolean fresh) {
    synchronized (jobsLock) {
      long now = System.nanoTime();
      if (fresh || now - jobsAt > JOBS_FRESH.toNanos()) {
        jobs = slurm.jobs();
        jobsAt = now;
      }
      return jobs;
    }
  }

  private void awaitOver(String jobId, Duration patience) throws InterruptedException {
    long end = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() - end < 0) {
      SlurmJob job = jobs(true).get(jobId);
      if (job == null || job.over()) {
        return;
      }
      Thread.sleep(POLL);
    }
  }

  private void writeSupervisor() throws IOException {
    byte[] script;
    try (InputStream in = SlurmRuntime.class.getResourceAsStream("supervisor.sh")) {
      if (in == null) {
        throw new IOException("supervisor.sh is missing from the class path");
      }
      script = in.readAllBytes();
    }
    Files.createDirectories(supervisor.getParent());
    Path temp = supervisor.resolveSibling("supervisor.sh." + UUID.randomUUID());
    Files.write(temp, script);
    Files.move(temp, supervisor, StandardCopyOption.ATOMIC_MOVE);
  }
}
