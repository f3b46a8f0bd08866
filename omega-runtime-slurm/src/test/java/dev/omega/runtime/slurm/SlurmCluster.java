package dev.omega.runtime.slurm;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.omega.runtime.AgentRuntime;
import dev.omega.runtime.RuntimeProvider;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.awaitility.Awaitility;

/**
 * The Slurm cluster the tests run on: the one {@code slurm/cluster start} runs (its SLURM_CONF
 * under /tmp/omega-slurm), or another named by OMEGA_SLURM_CONF and OMEGA_SLURM_PARTITION. Without
 * one, the tests are skipped with a message; under CI (CI=true) they fail instead.
 */
final class SlurmCluster {
  static final Path CONF =
      Path.of(
          Optional.ofNullable(System.getenv("OMEGA_SLURM_CONF"))
              .orElse("/tmp/omega-slurm/etc/slurm.conf"));
  static final String PARTITION =
      Optional.ofNullable(System.getenv("OMEGA_SLURM_PARTITION")).orElse("omega");

  /** Asked once per JVM: a client without a controller takes seconds to give up. */
  private static final Supplier<Boolean> ANSWERS = memoize(SlurmCluster::answers);

  private SlurmCluster() {}

  private static <T> Supplier<T> memoize(Supplier<T> supplier) {
    return new Supplier<>() {
      private T value;

      @Override
      public synchronized T get() {
        if (value == null) {
          value = supplier.get();
        }
        return value;
      }
    };
  }

  /** Skips the calling test (fails it under CI) unless the cluster answers. */
  static void assumeReachable() {
    boolean answers = ANSWERS.get();
    String why =
        "no Slurm cluster answers at SLURM_CONF="
            + CONF
            + "; start one with `slurm/cluster start` (needs root and Debian's slurmctld, slurmd,"
            + " slurm-client and munge) or set OMEGA_SLURM_CONF";
    if (!answers && "true".equals(System.getenv("CI"))) {
      fail("CI=true but " + why);
    }
    assumeTrue(answers, why);
  }

  /** The settings of a runtime on this cluster, with {@code shared} as its shared folder. */
  static SlurmSettings settings(Path shared) {
    return new SlurmSettings(
        shared, Optional.of(PARTITION), Optional.empty(), Optional.of(CONF), Optional.empty());
  }

  /** The {@code slurm:} block of a server's YAML for this cluster. */
  static Map<String, Object> yaml(Path shared) {
    return Map.of("shared_dir", shared.toString(), "partition", PARTITION, "conf", CONF.toString());
  }

  /**
   * The runtime a server's {@code runtime: slurm} selects: found through ServiceLoader, as it is.
   */
  static AgentRuntime selectedRuntime(Path shared) {
    return ServiceLoader.load(RuntimeProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(p -> p.name().equals("slurm"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no RuntimeProvider named slurm"))
        .create(yaml(shared));
  }

  /** The jobs named {@code name} that Slurm still knows, finished ones included. */
  static java.util.List<SlurmJob> jobsNamed(String name) {
    return new SlurmCommands(settings(Path.of("/")))
        .jobs().values().stream().filter(j -> j.name().equals(name)).toList();
  }

  /** The job's state as squeue tells it (finished jobs included), or empty when Slurm forgot it. */
  static Optional<String> jobState(String jobId) {
    return Optional.ofNullable(new SlurmCommands(settings(Path.of("/"))).jobs().get(jobId))
        .map(SlurmJob::state);
  }

  static void await(String what, Duration patience, BooleanSupplier condition) {
    Awaitility.await(what)
        .atMost(patience)
        .pollInterval(Duration.ofMillis(20))
        .until(condition::getAsBoolean);
  }

  private static boolean answers() {
    try {
      ProcessBuilder sinfo =
          new ProcessBuilder("sinfo", "--noheader", "--partition=" + PARTITION)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD);
      sinfo.environment().put("SLURM_CONF", CONF.toString());
      Process process = sinfo.start();
      return process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
