package dev.omega.testkit;

import dev.omega.core.model.AgentId;
import dev.omega.core.model.AgentSpec;
import dev.omega.core.model.AgentStatus;
import dev.omega.core.model.AgentView;
import dev.omega.core.model.JobType;
import dev.omega.core.model.LogLine;
import dev.omega.core.model.LogPage;
import dev.omega.core.model.RunRequest;
import dev.omega.core.port.AgentApi;
import dev.omega.core.port.ApiException;
import dev.omega.core.port.NetworkException;
import dev.omega.core.port.RemoteFiles;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The fake platform's agents, answering as the HTTP API does (404, 409, no-op repeats). */
final class FakeAgentApi implements AgentApi {
  private final FakePlatform platform;

  FakeAgentApi(FakePlatform platform) {
    this.platform = platform;
  }

  @Override
  public Optional<AgentView> inspect(AgentId id) {
    return platform.call(
        "agents.inspect",
        () -> {
          FakeAgent agent = platform.agents.get(id);
          if (agent == null) {
            return Optional.empty();
          }
          agent.tick();
          return Optional.of(agent.view());
        });
  }

  @Override
  public List<AgentView> list() {
    return platform.call(
        "agents.list", () -> platform.agents.values().stream().map(FakeAgent::view).toList());
  }

  @Override
  public AgentView create(AgentId id, AgentSpec spec) {
    return platform.call(
        "agents.create",
        () -> {
          FakeAgent existing = platform.agents.get(id);
          if (existing != null) {
            if (!existing.spec.equals(spec)) {
              throw new ApiException(
                  409, "conflict", "agent " + id + " exists with another spec; choose a new id");
            }
            return existing.view();
          }
          return platform.newAgent(id, spec).view();
        });
  }

  @Override
  public void run(AgentId id, RunRequest request) {
    platform.call(
        "agents.run",
        () -> {
          FakeAgent agent = find(id);
          if (agent.status() != AgentStatus.IDLE) {
            throw illegal(agent, "run");
          }
          if (agent.spec.jobType() != JobType.LAB && request.command().isEmpty()) {
            throw new ApiException(400, "invalid-input", "command: an api or job needs one");
          }
          agent.lastRun = request;
          agent.start(
              platform.scriptFor(request.command(), agent.spec.jobType() == JobType.JOB),
              request.runId());
          return null;
        });
  }

  @Override
  public void stop(AgentId id) {
    platform.call(
        "agents.stop",
        () -> {
          FakeAgent agent = find(id);
          if (agent.status() == AgentStatus.INIT || agent.status() == AgentStatus.DEAD) {
            throw illegal(agent, "stop");
          }
          agent.stopProcess();
          return null;
        });
  }

  @Override
  public void kill(AgentId id) {
    platform.call(
        "agents.kill",
        () -> {
          find(id).kill();
          return null;
        });
  }

  @Override
  public RemoteFiles files(AgentId id) {
    return find(id).files.api(platform, "agents");
  }

  @Override
  public LogPage logs(AgentId id, long offset, int limit) {
    return platform.call(
        "agents.logs",
        () -> {
          List<LogLine> log = find(id).log;
          int from = (int) Math.min(offset, log.size());
          int to = (int) Math.min((long) from + limit, log.size());
          return new LogPage(log.subList(from, to), to);
        });
  }

  @Override
  public void watch(AgentId id, long offset, Consumer<LogLine> sink) throws InterruptedException {
    boolean service =
        platform.call(
            "agents.watch",
            () -> {
              FakeAgent agent = find(id);
              if (!agent.status().isResponsive()) {
                throw illegal(agent, "watch");
              }
              int cut = platform.takeWatchCut();
              List<LogLine> log = agent.log;
              int handed = 0;
              int next = (int) Math.min(offset, log.size());
              // Hand over what is there; a job then ends and its last line follows.
              for (int round = 0; round < 2; round++) {
                for (; next < log.size(); next++) {
                  if (handed == cut) {
                    throw new NetworkException("log stream cut after " + cut + " lines");
                  }
                  sink.accept(log.get(next));
                  handed++;
                }
                agent.drained();
              }
              return agent.runsService();
            });
    if (service) {
      // A service's stream never ends by itself: end it as the user's Ctrl+C would.
      throw new InterruptedException("watching a service until interrupted");
    }
  }

  private FakeAgent find(AgentId id) {
    FakeAgent agent = platform.agents.get(id);
    if (agent == null) {
      throw new ApiException(404, "not-found", "no agent " + id);
    }
    return agent;
  }

  private static ApiException illegal(FakeAgent agent, String what) {
    return new ApiException(
        409,
        "illegal-transition",
        "cannot " + what + " agent " + agent.id + " while it is " + agent.status());
  }
}
