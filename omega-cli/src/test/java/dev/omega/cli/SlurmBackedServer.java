package dev.omega.cli;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A team's server as the built {@code omega.jar} runs it, with {@code runtime: slurm} in its YAML,
 * on the cluster {@code slurm/cluster start} runs (or OMEGA_SLURM_CONF and OMEGA_SLURM_PARTITION).
 * Without a cluster the calling test is skipped with a message; under CI (CI=true) it fails.
 */
final class SlurmBackedServer implements AutoCloseable {
  static final String TOKEN = "token-of-alice";
  static final String CONF =
      Optional.ofNullable(System.getenv("OMEGA_SLURM_CONF"))
          .orElse("/tmp/omega-slurm/etc/slurm.conf");
  static final String PARTITION =
      Optional.ofNullable(System.getenv("OMEGA_SLURM_PARTITION")).orElse("omega");

  private final Path data;
  private final Path config;
  private final int port;
  private Process process;

  /** Starts the server on a free loopback port and returns once it answers. */
  SlurmBackedServer(Path data, Path shared) throws Exception {
    assumeCluster();
    this.data = data;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    config = data.resolve("server.yaml");
    Files.writeString(
        config,
        """
        listen: 127.0.0.1
        tokens:
          %s: alice
        stop_grace_seconds: 2
        runtime: slurm
        slurm:
          shared_dir: %s
          partition: %s
          conf: %s
        """
            .formatted(TOKEN, shared, PARTITION, CONF));
    start();
  }

  private void start() throws Exception {
    process =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                Path.of("target/omega.jar").toAbsolutePath().toString(),
                "dev.omega.server.ServerMain",
                "--config",
                config.toString(),
                "--data",
                data.resolve("server").toString(),
                "--port",
                Integer.toString(port))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("server.log").toFile()))
            .start();
    Projects.poll(
        Duration.ofSeconds(60),
        "the Slurm-backed server to answer",
        () -> {
          if (!process.isAlive()) {
            throw new AssertionError(
                "the server exited: " + Files.readString(data.resolve("server.log")));
          }
          return Projects.get(url() + "/api/v1/openapi.yaml").map(r -> r);
        });
  }

  /** Kills the server as kill -9 would: its agents' Slurm jobs stay as they are. */
  void kill9() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  /** Starts the server again on the same port and data, as after a crash. */
  void restart() throws Exception {
    start();
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** The states of the Slurm jobs whose name starts with {@code prefix}, finished ones included. */
  static List<String> jobStates(String prefix) throws IOException, InterruptedException {
    String out = slurm("squeue", "--noheader", "--states=all", "--format=%j|%T");
    List<String> states = new ArrayList<>();
    for (String line : out.split("\n")) {
      String[] fields = line.strip().split("\\|");
      if (fields.length == 2 && fields[0].startsWith(prefix)) {
        states.add(fields[1]);
      }
    }
    return states;
  }

  /** Whether the cluster answers, asked once: a client without a controller takes seconds. */
  private static Boolean answers;

  private static synchronized void assumeCluster() {
    if (answers == null) {
      try {
        slurm("sinfo", "--noheader", "--partition=" + PARTITION);
        answers = true;
      } catch (IOException | InterruptedException | AssertionError e) {
        answers = false;
      }
    }
    String why =
        "no Slurm cluster answers at SLURM_CONF="
            + CONF
            + "; start one with `slurm/cluster start` or set OMEGA_SLURM_CONF";
    if (!answers && "true".equals(System.getenv("CI"))) {
      fail("CI=true but " + why);
    }
    assumeTrue(answers, why);
  }

  /** Runs a Slurm client command against the test cluster; its output. */
  static String slurm(String... argv) throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(argv)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("SLURM_CONF", CONF);
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError(argv[0] + " failed");
    }
    return out;
  }

  /** Stops the server (its agents' Slurm jobs are stopped by the tests, through the CLI). */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
