package dev.omega.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs commands and times them from start to exit. */
final class Shell {
  /** How one command ended: its exit code, its output, its wall time and peak RSS. */
  record Result(int exit, String out, double seconds, long peakRssKib) {
    Result orFail(List<String> command) {
      if (exit != 0) {
        throw new IllegalStateException(
            String.join(" ", command) + " exited with " + exit + ":\n" + out);
      }
      return this;
    }
  }

  private static final Path GNU_TIME = Path.of("/usr/bin/time");

  private final Map<String, String> environment;

  Shell(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /** Runs {@code command} in {@code dir}; fails unless it exits with 0. */
  Result run(Path dir, List<String> command) throws IOException, InterruptedException {
    return runAllowingFailure(dir, command).orFail(command);
  }

  Result runAllowingFailure(Path dir, List<String> command)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("bench-", ".out");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      builder.environment().putAll(environment);
      long start = System.nanoTime();
      Process process = builder.start();
      int exit = process.waitFor();
      double seconds = (System.nanoTime() - start) / 1e9;
      return new Result(exit, Files.readString(log, StandardCharsets.UTF_8), seconds, -1);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /**
   * Runs {@code command} under GNU time for its peak resident memory; the wall time is still this
   * process's own measure.
   */
  Result measured(Path dir, List<String> command) throws IOException, InterruptedException {
    if (!Files.isExecutable(GNU_TIME)) {
      return run(dir, command);
    }
    Path rss = Files.createTempFile("bench-rss-", ".txt");
    try {
      List<String> timed = new ArrayList<>(List.of(GNU_TIME.toString(), "-f", "%M", "-o"));
      timed.add(rss.toString());
      timed.addAll(command);
      Result result = run(dir, timed);
      String kib = Files.readString(rss, StandardCharsets.UTF_8).strip();
      String last = kib.substring(kib.lastIndexOf('\n') + 1).strip();
      return new Result(result.exit(), result.out(), result.seconds(), Long.parseLong(last));
    } finally {
      Files.deleteIfExists(rss);
    }
  }

  /** Flushes dirty pages, so that one run's write-back does not land in the next one's time. */
  void flushDisks() throws IOException, InterruptedException {
    run(Path.of("/"), List.of("sync"));
  }
}
