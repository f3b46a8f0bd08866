package dev.omega.core.model;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/** An agent's id, chosen by the client so that creation is idempotent. */
public record AgentId(UUID value) {
  public AgentId {
    requireNonNull(value, "value");
  }

  public static AgentId random() {
    return new AgentId(UUID.randomUUID());
  }

  public static AgentId parse(String text) {
    return new AgentId(UUID.fromString(text));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
