package dev.omega.testkit;

import dev.omega.core.model.AgentId;
import dev.omega.core.model.AgentSpec;
import dev.omega.core.model.AgentStatus;
import dev.omega.core.model.AgentView;
import dev.omega.core.model.JobStatus;
import dev.omega.core.model.JobTrigger;
import dev.omega.core.model.JobType;
import dev.omega.core.model.RunRequest;
import dev.omega.core.model.TaskId;
import dev.omega.core.model.TaskSpec;
import dev.omega.core.model.TaskStatus;
import dev.omega.core.model.TaskView;
import dev.omega.core.port.AgentApi;
import dev.omega.core.port.ApiException;
import dev.omega.core.port.AuthenticationException;
import dev.omega.core.port.Clock;
import dev.omega.core.port.NetworkException;
import dev.omega.core.port.TaskApi;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The platform in memory: agents and tasks that move only through the core's state machines, sync
 * planned by the core's planner, time from a {@link Clock}. Scripted (how long INIT lasts, whether
 * it fails, what each command prints and how it exits) and faulty on demand (a network error, an
 * API error or a client crash at the k-th call; a log stream cut after k lines). Every call through
 * {@link #agents()}, {@link #tasks()} and their files counts as one platform call. This class is
 * threadsafe.
 */
public final class FakePlatform {
  private final Clock clock;
  final Map<AgentId, FakeAgent> agents = new LinkedHashMap<>();
  final Map<TaskId, FakeTask> tasks = new LinkedHashMap<>();
  private final Map<String, ProcessScript> scripts = new HashMap<>();
  private final Map<Integer, Fault> faults = new HashMap<>();
  private final List<String> calls = new ArrayList<>();
  private int initPolls = 2;
  private Optional<String> initFailure = Optional.empty();
  private int cutWatchAfter = -1;
  private boolean checksFail;
  private int agentsCreated;
  private int tasksCreated;

  public FakePlatform(Clock clock) {
    this.clock = clock;
  }

  // --- scripting -------------------------------------------------------------------------------

  /** New agents stay INIT for this many inspects. */
  public synchronized FakePlatform initPolls(int polls) {
    this.initPolls = polls;
    return this;
  }

  /** New agents die during INIT with this reason. */
  public synchronized FakePlatform initFails(String reason) {
    this.initFailure = Optional.of(reason);
    return this;
  }

  /** What {@code command} does when an agent or a task runs it. */
  public synchronized FakePlatform script(String command, ProcessScript script) {
    scripts.put(command, script);
    return this;
  }

  /** The {@code k}-th platform call from now on (1 is the next) meets {@code fault}. */
  public synchronized FakePlatform failCall(int k, Fault fault) {
    faults.put(calls.size() + k, fault);
    return this;
  }

  /** Every check of the agreed content a sync asks for fails, as on a network that drops it. */
  public synchronized FakePlatform failChecks() {
    this.checksFail = true;
    return this;
  }

  /** The next log stream breaks after handing over {@code lines} lines. */
  public synchronized FakePlatform cutWatchAfter(int lines) {
    this.cutWatchAfter = lines;
    return this;
  }

  // --- seeding: put the platform in a state without counting calls ----------------------------

  /** Adds an agent and moves it, through legal transitions, to {@code status}. */
  public synchronized void seedAgent(AgentId id, AgentSpec spec, AgentStatus status) {
    FakeAgent agent = new FakeAgent(id, spec, clock, 1, Optional.empty());
    agents.put(id, agent);
    if (status == AgentStatus.INIT) {
      return;
    }
    agent.tick();
    switch (status) {
      case BUSY -> agent.start(scriptFor(Optional.empty(), spec.jobType() == JobType.JOB));
      case DEAD -> agent.kill();
      case INIT, IDLE -> {}
    }
  }

  /** Adds a task with the given status and, when given, a latest job in that status. */
  public synchronized void seedTask(
      TaskId id, TaskSpec spec, TaskStatus status, Optional<JobStatus> latestJob) {
    FakeTask task = new FakeTask(id, spec, clock);
    tasks.put(id, task);
    if (status == TaskStatus.ON) {
      task.setStatus(TaskStatus.ON);
    }
    latestJob.ifPresent(job -> task.seedJob(job, scriptFor(Optional.of(spec.command()), true)));
  }

  /** Fires the task's schedule now, as the platform's scheduler would; skipped while a job runs. */
  public synchronized void fireSchedule(TaskId id) {
    FakeTask task = tasks.get(id);
    if (task.status() == TaskStatus.ON && !task.jobRunning()) {
      task.startJob(JobTrigger.SCHEDULE, scriptFor(Optional.of(task.spec.command()), true));
    }
  }

  // --- observing -------------------------------------------------------------------------------

  public synchronized int callCount() {
    return calls.size();
  }

  /** Every call so far, by name, e.g. {@code agents.run}. */
  public synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  /** How many agents were created through the API (seeded ones excluded). */
  public synchronized int agentsCreated() {
    return agentsCreated;
  }

  public synchronized int tasksCreated() {
    return tasksCreated;
  }

  /** The agent as it is, without counting a call or letting time pass. */
  public synchronized Optional<AgentView> peekAgent(AgentId id) {
    return Optional.ofNullable(agents.get(id)).map(FakeAgent::view);
  }

  /** The task as it is, without counting a call or letting time pass. */
  public synchronized Optional<TaskView> peekTask(TaskId id) {
    return Optional.ofNullable(tasks.get(id)).map(FakeTask::view);
  }

  /** What the agent's latest process was started with. */
  public synchronized Optional<RunRequest> lastRunRequest(AgentId id) {
    return Optional.ofNullable(agents.get(id)).map(a -> a.lastRun);
  }

  public synchronized Map<String, byte[]> agentFiles(AgentId id) {
    return agents.get(id).files.contents();
  }

  public synchronized Map<String, byte[]> taskFiles(TaskId id) {
    return tasks.get(id).cache.contents();
  }

  public synchronized void putAgentFile(AgentId id, String path, byte[] content) {
    agents.get(id).files.put(path, content);
  }

  public synchronized void putTaskFile(TaskId id, String path, byte[] content) {
    tasks.get(id).cache.put(path, content);
  }

  // --- the ports -------------------------------------------------------------------------------

  public AgentApi agents() {
    return new FakeAgentApi(this);
  }

  public TaskApi tasks() {
    return new FakeTaskApi(this);
  }

  /**
   * Runs the check of the agreed content a sync asks for while it walks the project: not counted as
   * a call and not given the faults scheduled for calls (a sync does without it: it plans instead),
   * only failed after {@link #failChecks}.
   */
  synchronized <T> T check(Supplier<T> read) {
    if (checksFail) {
      throw new NetworkException("connection reset during the check of the agreed content");
    }
    return read.get();
  }

  /** Runs one platform call: counts it and applies the fault scheduled for it, if any. */
  synchronized <T> T call(String name, Supplier<T> effect) {
    calls.add(name);
    Fault fault = faults.remove(calls.size());
    switch (fault) {
      case null -> {}
      case Fault.NetworkBefore f -> throw new NetworkException("connection reset during " + name);
      case Fault.ApiError f -> throw new ApiException(f.status(), "injected", f.message());
      case Fault.Unavailable f ->
          throw new NetworkException(
              name + ": 503 Service Unavailable", Optional.of(f.retryAfter()), null);
      case Fault.Unauthorized f -> throw new AuthenticationException("the apikey was refused");
      case Fault.NetworkAfter f -> {}
      case Fault.CrashAfter f -> {}
    }
    T result = effect.get();
    switch (fault) {
      case Fault.NetworkAfter f -> throw new NetworkException("answer to " + name + " was lost");
      case Fault.CrashAfter f -> throw new SimulatedCrash(name);
      case null, default -> {}
    }
    return result;
  }

  synchronized int takeWatchCut() {
    int cut = cutWatchAfter;
    cutWatchAfter = -1;
    return cut;
  }

  synchronized FakeAgent newAgent(AgentId id, AgentSpec spec) {
    agentsCreated++;
    FakeAgent agent = new FakeAgent(id, spec, clock, initPolls, initFailure);
    agents.put(id, agent);
    return agent;
  }

  synchronized FakeTask newTask(TaskId id, TaskSpec spec) {
    tasksCreated++;
    FakeTask task = new FakeTask(id, spec, clock);
    tasks.put(id, task);
    return task;
  }

  /** The script of a command; a Lab (no command) and unknown commands get a default one. */
  synchronized ProcessScript scriptFor(Optional<String> command, boolean ends) {
    ProcessScript known = command.map(scripts::get).orElse(null);
    if (known != null) {
      return known;
    }
    String name = command.orElse("jupyter lab");
    return ends ? ProcessScript.job(0, name + " ran") : ProcessScript.service(name + " listening");
  }
}
