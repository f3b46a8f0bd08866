package dev.omega.http;

import static java.util.Objects.requireNonNull;

import dev.omega.api.Dtos;
import dev.omega.api.WireMapping;
import dev.omega.core.model.AgentId;
import dev.omega.core.model.AgentSpec;
import dev.omega.core.model.AgentView;
import dev.omega.core.model.LogLine;
import dev.omega.core.model.LogPage;
import dev.omega.core.model.RunRequest;
import dev.omega.core.port.AgentApi;
import dev.omega.core.port.ApiException;
import dev.omega.core.port.RemoteFiles;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** {@link AgentApi} over {@code /agents}. */
final class HttpAgentApi implements AgentApi {
  private final Transport transport;

  HttpAgentApi(Transport transport) {
    this.transport = transport;
  }

  @Override
  public Optional<AgentView> inspect(AgentId id) {
    try {
      return Optional.of(
          transport.call("GET", Routes.agent(id), null, Dtos.Agent.class, WireMapping::toModel));
    } catch (ApiException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public List<AgentView> list() {
    return transport.list(Routes.agents(), Dtos.Agent.class, WireMapping::toModel);
  }

  @Override
  public AgentView create(AgentId id, AgentSpec spec) {
    return transport.call(
        "PUT", Routes.agent(id), WireMapping.toDto(spec), Dtos.Agent.class, WireMapping::toModel);
  }

  @Override
  public void run(AgentId id, RunRequest request) {
    transport.call("POST", Routes.agent(id) + "/run", WireMapping.toDto(request));
  }

  @Override
  public void stop(AgentId id) {
    transport.call("POST", Routes.agent(id) + "/stop", null);
  }

  @Override
  public void kill(AgentId id) {
    transport.call("POST", Routes.agent(id) + "/kill", null);
  }

  @Override
  public RemoteFiles files(AgentId id) {
    return new HttpRemoteFiles(transport, Routes.agent(id));
  }

  @Override
  public LogPage logs(AgentId id, long offset, int limit) {
    return transport.call(
        "GET",
        Routes.logs(Routes.agent(id), offset, limit),
        null,
        Dtos.LogPage.class,
        WireMapping::toModel);
  }

  @Override
  public void watch(AgentId id, long offset, Consumer<LogLine> sink) throws InterruptedException {
    requireNonNull(sink, "sink");
    new LogStream(transport, Routes.agent(id) + "/watch").follow(offset, sink);
  }

  @Override
  public String toString() {
    return "HttpAgentApi[" + transport.baseUrl() + "]";
  }
}
