package dev.omega.testkit;

import dev.omega.core.model.JobStatus;
import dev.omega.core.model.JobTrigger;
import dev.omega.core.model.JobView;
import dev.omega.core.model.LogLine;
import dev.omega.core.model.TaskId;
import dev.omega.core.model.TaskSpec;
import dev.omega.core.model.TaskStatus;
import dev.omega.core.model.TaskView;
import dev.omega.core.port.Clock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One task of the fake platform with its jobs; moves through the core's state machines. */
final class FakeTask {
  final TaskId id;
  final TaskSpec spec;
  final FakeRemoteFiles cache;
  final List<LogLine> log = new ArrayList<>();
  private final Clock clock;
  private TaskStatus status = TaskStatus.OFF;
  private final List<String> jobIds = new ArrayList<>();
  private JobStatus jobStatus;
  private JobTrigger trigger;
  private Instant startedAt;
  private Instant endedAt;
  private Integer exitCode;
  private ProcessScript script;
  private int runningPolls;

  FakeTask(TaskId id, TaskSpec spec, Clock clock) {
    this.id = id;
    this.spec = spec;
    this.clock = clock;
    this.cache = new FakeRemoteFiles(clock);
  }

  TaskStatus status() {
    return status;
  }

  void setStatus(TaskStatus next) {
    status = status.transitionTo(next);
  }

  boolean jobRunning() {
    return jobStatus == JobStatus.RUNNING;
  }

  /** An inspect is one tick of the fake's time: a running job runs on. */
  void tick() {
    if (jobRunning() && !script.keepsRunning() && ++runningPolls >= script.pollsToFinish()) {
      endJob(script.exitCode());
    }
  }

  void startJob(JobTrigger trigger, ProcessScript script) {
    createJob(trigger, script);
    runJob();
  }

  /** A scheduled job left in {@code status}: CREATED (not started yet), RUNNING or STOPPED. */
  void seedJob(JobStatus status, ProcessScript script) {
    createJob(JobTrigger.SCHEDULE, script);
    if (status != JobStatus.CREATED) {
      runJob();
    }
    if (status == JobStatus.STOPPED) {
      endJob(script.exitCode());
    }
  }

  private void createJob(JobTrigger trigger, ProcessScript script) {
    jobIds.add("job-" + (jobIds.size() + 1));
    jobStatus = JobStatus.CREATED;
    this.trigger = trigger;
    this.script = script;
    runningPolls = 0;
    startedAt = null;
    endedAt = null;
    exitCode = null;
  }

  private void runJob() {
    jobStatus = jobStatus.transitionTo(JobStatus.RUNNING);
    startedAt = clock.now();
    print("=== " + currentJobId() + " started (" + trigger.name().toLowerCase() + ")");
    script.lines().forEach(this::print);
  }

  void stopJob() {
    if (jobRunning()) {
      endJob(143);
    }
  }

  TaskView view() {
    Optional<JobView> job =
        jobIds.isEmpty()
            ? Optional.empty()
            : Optional.of(
                new JobView(
                    currentJobId(),
                    jobStatus,
                    trigger,
                    Optional.ofNullable(startedAt),
                    Optional.ofNullable(endedAt),
                    Optional.ofNullable(exitCode)));
    Optional<Instant> next =
        status == TaskStatus.ON ? Optional.of(clock.now().plusSeconds(60)) : Optional.empty();
    return new TaskView(id, status, spec, next, job);
  }

  private void endJob(int code) {
    script
        .outputs()
        .forEach((path, text) -> cache.put(path, text.getBytes(StandardCharsets.UTF_8)));
    exitCode = code;
    endedAt = clock.now();
    jobStatus = jobStatus.transitionTo(JobStatus.STOPPED);
    print("=== " + currentJobId() + " exited with code " + code);
  }

  private String currentJobId() {
    return jobIds.get(jobIds.size() - 1);
  }

  private void print(String text) {
    log.add(new LogLine(log.size(), text));
  }
}
