package dev.omega.runtime.slurm;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.omega.runtime.LaunchSpec;
import dev.omega.runtime.ProcessState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The server's side of the supervisor's file protocol (see {@code supervisor.sh}): run requests,
 * stop requests, exit codes, in a host's {@code runs/} folder on the shared folder.
 */
final class RunFolders {
  private final Path sharedDir;
  private final String path;
  private final String home;

  /** Requests whose commands get {@code path} and {@code home} when their spec lacks them. */
  RunFolders(Path sharedDir, String path, String home) {
    this.sharedDir = sharedDir;
    this.path = path;
    this.home = home;
  }

  /**
   * The next run request in {@code runs} ({@code runs/1}, {@code runs/2}, ...), renamed into place
   * whole so that the supervisor never sees half of it. Callers start one run at a time per host.
   */
  Path write(Path runs, LaunchSpec spec) throws IOException {
    requireNonNull(spec, "spec");
    for (Path file : List.of(spec.workspace(), spec.logFile())) {
      if (!file.toAbsolutePath().normalize().startsWith(sharedDir)) {
        throw new IOException(file + " is not under slurm.shared_dir " + sharedDir);
      }
    }
    Files.createDirectories(runs);
    int n = next(runs);
    Path temp = runs.resolve("." + n + "-" + UUID.randomUUID());
    Files.createDirectory(temp);
    Files.writeString(temp.resolve("launch.sh"), LaunchScript.of(spec, path, home), UTF_8);
    Files.writeString(
        temp.resolve("log"), spec.logFile().toAbsolutePath().normalize() + "\n", UTF_8);
    Path run = runs.resolve(Integer.toString(n));
    Files.move(temp, run, StandardCopyOption.ATOMIC_MOVE);
    return run;
  }

  /** Asks the supervisor to stop the run: SIGTERM, then SIGKILL once {@code grace} has passed. */
  static void requestStop(Path run, Duration grace) {
    try {
      Path temp = run.resolve("stop.tmp");
      Files.writeString(temp, Math.max(0, grace.toSeconds()) + "\n", UTF_8);
      Files.move(temp, run.resolve("stop"), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot ask the supervisor to stop " + run, e);
    }
  }

  /**
   * The exit code in {@code run}'s file {@code name} ({@code exit}, or the unpublished {@code
   * code}).
   */
  static Optional<ProcessState.Exited> exited(Path run, String name) {
    Path file = run.resolve(name);
    try {
      String text = Files.readString(file, UTF_8).strip();
      Instant at = Files.getLastModifiedTime(file).toInstant();
      return Optional.of(new ProcessState.Exited(Integer.parseInt(text), at));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty(); // not there (yet), or being renamed
    }
  }

  private static int next(Path runs) throws IOException {
    try (Stream<Path> entries = Files.list(runs)) {
      return entries
              .map(p -> p.getFileName().toString())
              .filter(name -> name.chars().allMatch(Character::isDigit))
              .mapToInt(Integer::parseInt)
              .max()
              .orElse(0)
          + 1;
    }
  }
}
