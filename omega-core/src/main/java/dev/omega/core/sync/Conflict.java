package dev.omega.core.sync;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A path both sides changed since they last agreed. The remote version wins (spec 4.3.5); the local
 * loser, when there is one, is first kept at {@code keptAt}, inside {@code .omega/} where sync does
 * not look.
 */
public record Conflict(String path, Optional<String> keptAt) {
  public Conflict {
    RelativePath.check(path);
    requireNonNull(keptAt, "keptAt");
  }
}
