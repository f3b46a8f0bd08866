package dev.omega.core.model;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * An agent as the platform reports it.
 *
 * @param endpoint the URL of a Lab or API, when it has one
 * @param reason why the agent is in its status (why it died, say), when the platform says
 */
public record AgentView(
    AgentId id,
    AgentStatus status,
    AgentSpec spec,
    Optional<ProcessInfo> process,
    Optional<String> endpoint,
    Optional<String> reason) {
  public AgentView {
    requireNonNull(id, "id");
    requireNonNull(status, "status");
    requireNonNull(spec, "spec");
    requireNonNull(process, "process");
    requireNonNull(endpoint, "endpoint");
    requireNonNull(reason, "reason");
  }
}
