package dev.omega.runtime.slurm;

import dev.omega.server.ServerMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@link ServerMain} in a JVM of its own, configured by YAML with {@code runtime: slurm}, on one
 * data folder, shared folder and port; to be killed with SIGKILL and started again.
 */
final class SlurmServerProcess implements AutoCloseable {
  static final String TOKEN = "token-of-alice";

  private final Path data;
  private final Path config;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();
  private Process process;

  SlurmServerProcess(Path data, Path shared) throws IOException {
    this.data = data;
    try (ServerSocket free = new ServerSocket(0)) {
      this.port = free.getLocalPort();
    }
    this.config = data.resolveSibling(data.getFileName() + "-server.yaml");
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
            .formatted(TOKEN, shared, SlurmCluster.PARTITION, SlurmCluster.CONF));
  }

  /** Starts the server and returns once it answers. */
  void start() throws IOException {
    process =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                ServerMain.class.getName(),
                "--config",
                config.toString(),
                "--data",
                data.toString(),
                "--port",
                Integer.toString(port))
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(
                    data.resolveSibling(data.getFileName() + "-server.log").toFile()))
            .start();
    SlurmCluster.await("the server to answer", Duration.ofSeconds(60), this::answers);
  }

  /** SIGKILL: no shutdown hook, no goodbye. */
  void killNine() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  HttpResponse<String> call(String method, String path, String body) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1" + path))
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body))
              .header("Content-Type", "application/json")
              .header("Authorization", "Bearer " + TOKEN)
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private boolean answers() {
    if (!process.isAlive()) {
      throw new AssertionError("the server exited with " + process.exitValue());
    }
    try {
      return call("GET", "/me", null).statusCode() == 200;
    } catch (UncheckedIOException notYet) {
      return false;
    }
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
