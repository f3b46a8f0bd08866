package dev.omega.testkit;

import dev.omega.core.model.AgentId;
import dev.omega.core.model.AgentSpec;
import dev.omega.core.model.AgentStatus;
import dev.omega.core.model.AgentView;
import dev.omega.core.model.JobType;
import dev.omega.core.model.LogLine;
import dev.omega.core.model.ProcessInfo;
import dev.omega.core.model.RunRequest;
import dev.omega.core.port.Clock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One agent of the fake platform; moves only through the core's {@link AgentStatus}. */
final class FakeAgent {
  final AgentId id;
  final AgentSpec spec;
  final FakeRemoteFiles files;
  final List<LogLine> log = new ArrayList<>();
  private final Clock clock;
  private AgentStatus status = AgentStatus.INIT;
  private int initPollsLeft;
  private final Optional<String> initFailure;
  private Optional<ProcessInfo> process = Optional.empty();
  private ProcessScript script;
  private int busyPolls;
  private String reason;
  RunRequest lastRun;

  FakeAgent(AgentId id, AgentSpec spec, Clock clock, int initPolls, Optional<String> initFailure) {
    this.id = id;
    this.spec = spec;
    this.clock = clock;
    this.files = new FakeRemoteFiles(clock);
    this.initPollsLeft = initPolls;
    this.initFailure = initFailure;
  }

  AgentStatus status() {
    return status;
  }

  /** An inspect is one tick of the fake's time: INIT counts down, an unwatched job runs on. */
  void tick() {
    switch (status) {
      case INIT -> {
        if (--initPollsLeft <= 0) {
          if (initFailure.isPresent()) {
            reason = initFailure.get();
            moveTo(AgentStatus.DEAD);
          } else {
            moveTo(AgentStatus.IDLE);
          }
        }
      }
      case BUSY -> {
        if (!script.keepsRunning() && ++busyPolls >= script.pollsToFinish()) {
          end(script.exitCode());
        }
      }
      case IDLE, DEAD -> {}
    }
  }

  void start(ProcessScript script) {
    start(script, Optional.empty());
  }

  void start(ProcessScript script, Optional<String> runId) {
    moveTo(AgentStatus.BUSY);
    this.script = script;
    this.busyPolls = 0;
    process = Optional.of(ProcessInfo.running(clock.now(), log.size(), runId));
    script.lines().forEach(this::print);
  }

  void stopProcess() {
    if (status == AgentStatus.BUSY) {
      end(143);
    }
  }

  void kill() {
    stopProcess();
    if (status != AgentStatus.DEAD) {
      reason = "terminated by its owner";
      moveTo(AgentStatus.DEAD);
    }
  }

  /** A job's stream was read to its last line: the job has ended. */
  void drained() {
    if (status == AgentStatus.BUSY && !script.keepsRunning()) {
      end(script.exitCode());
    }
  }

  boolean runsService() {
    return status == AgentStatus.BUSY && script.keepsRunning();
  }

  AgentView view() {
    Optional<String> endpoint =
        status.isResponsive() && spec.jobType() != JobType.JOB
            ? Optional.of("http://127.0.0.1:8888/" + id + "/")
            : Optional.empty();
    return new AgentView(id, status, spec, process, endpoint, Optional.ofNullable(reason));
  }

  private void end(int exitCode) {
    script
        .outputs()
        .forEach((path, text) -> files.put(path, text.getBytes(StandardCharsets.UTF_8)));
    print("process exited with code " + exitCode);
    process = process.map(p -> p.ended(clock.now(), exitCode));
    moveTo(AgentStatus.IDLE);
  }

  private void print(String text) {
    log.add(new LogLine(log.size(), text));
  }

  private void moveTo(AgentStatus next) {
    status = status.transitionTo(next);
  }
}
