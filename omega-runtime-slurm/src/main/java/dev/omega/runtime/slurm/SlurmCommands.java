package dev.omega.runtime.slurm;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Slurm's client commands ({@code sbatch}, {@code squeue}, {@code scancel}, {@code sinfo}, {@code
 * scontrol}), run with the configured {@code SLURM_CONF}. This class is threadsafe.
 */
final class SlurmCommands {
  /** Slurm's clients answer in tens of milliseconds; a minute means the controller is gone. */
  private static final long TIMEOUT_SECONDS = 60;

  private final SlurmSettings settings;

  SlurmCommands(SlurmSettings settings) {
    this.settings = settings;
  }

  /** What a command printed, and how it ended. */
  record Result(int exitCode, String out, String err) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  /**
   * Submits {@code script args...} with {@code options}; returns the job's id.
   *
   * @throws IOException when sbatch refuses, with what it said
   */
  String submit(List<String> options, Path script, List<String> args) throws IOException {
    List<String> argv = new ArrayList<>(List.of("sbatch", "--parsable"));
    argv.addAll(options);
    argv.add(script.toString());
    argv.addAll(args);
    Result result = run(argv);
    if (!result.ok()) {
      throw new IOException("sbatch refused the job: " + result.err().strip());
    }
    String line = result.out().strip();
    int cluster = line.indexOf(';');
    return cluster < 0 ? line : line.substring(0, cluster);
  }

  /** What {@code sbatch --test-only} says against {@code options}: empty when it would run. */
  Optional<String> testOnly(List<String> options) {
    List<String> argv = new ArrayList<>(List.of("sbatch", "--test-only"));
    argv.addAll(options);
    argv.addAll(List.of("--wrap", "true"));
    Result result = run(argv);
    return result.ok() ? Optional.empty() : Optional.of(result.err().strip());
  }

  /** Every job Slurm still knows, finished ones included (for MinJobAge after they end). */
  Map<String, SlurmJob> jobs() {
    Result result = run(List.of("squeue", "--noheader", "--states=all", "--format=%i|%j|%T|%N"));
    if (!result.ok()) {
      throw new IllegalStateException("squeue failed: " + result.err().strip());
    }
    Map<String, SlurmJob> jobs = new HashMap<>();
    for (String line : result.out().split("\n")) {
      String[] fields = line.strip().split("\\|", -1);
      if (fields.length == 4 && !fields[0].isEmpty()) {
        jobs.put(fields[0], new SlurmJob(fields[0], fields[1], fields[2], fields[3]));
      }
    }
    return jobs;
  }

  /** Sends {@code signal} to every process of the job, its batch script included. */
  void signal(String jobId, String signal) {
    run(List.of("scancel", "--full", "--signal=" + signal, jobId));
  }

  /** Cancels the job: Slurm's SIGTERM, then SIGKILL after its KillWait. */
  void cancel(String jobId) {
    run(List.of("scancel", jobId));
  }

  /** The address of {@code node} (its NodeAddr), or the name itself when Slurm does not say. */
  String address(String node) {
    Result result = run(List.of("scontrol", "--oneliner", "show", "node", node));
    if (result.ok()) {
      for (String field : result.out().strip().split("\\s+")) {
        if (field.startsWith("NodeAddr=")) {
          return field.substring("NodeAddr=".length());
        }
      }
    }
    return node;
  }

  /** One line per node of the partition: its name, CPUs, memory (MB) and temporary disk (MB). */
  List<String> nodes() {
    List<String> argv = new ArrayList<>(List.of("sinfo", "--noheader", "--Node"));
    settings.partition().ifPresent(p -> argv.add("--partition=" + p));
    argv.add("--format=%N %c %m %d");
    Result result = run(argv);
    return result.ok() ? result.out().strip().lines().distinct().toList() : List.of();
  }

  Result run(List<String> argv) {
    List<String> command = new ArrayList<>(argv);
    command.set(0, executable(argv.get(0)));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    settings.conf().ifPresent(conf -> builder.environment().put("SLURM_CONF", conf.toString()));
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("omega-slurm", ".out");
      err = Files.createTempFile("omega-slurm", ".err");
      builder.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process process = builder.start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            String.join(" ", argv) + " did not answer within " + TIMEOUT_SECONDS + " s");
      }
      return new Result(
          process.exitValue(), Files.readString(out, UTF_8), Files.readString(err, UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + argv.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + argv.get(0), e);
    } finally {
      delete(out);
      delete(err);
    }
  }

  private String executable(String name) {
    return settings.binDir().map(dir -> dir.resolve(name).toString()).orElse(name);
  }

  private static void delete(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // a leftover temporary file costs nothing
      }
    }
  }
}
