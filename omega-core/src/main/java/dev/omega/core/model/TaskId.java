package dev.omega.core.model;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/** A task's id, chosen by the client so that creation is idempotent. */
public record TaskId(UUID value) {
  public TaskId {
    requireNonNull(value, "value");
  }

  public static TaskId random() {
    return new TaskId(UUID.randomUUID());
  }

  public static TaskId parse(String text) {
    return new TaskId(UUID.fromString(text));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
