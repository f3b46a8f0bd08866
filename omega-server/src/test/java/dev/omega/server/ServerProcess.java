package dev.omega.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@link ServerMain} in a JVM of its own, on one data folder and port, to be killed with SIGKILL.
 */
final class ServerProcess implements AutoCloseable {
  private final Path data;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();
  private Process process;

  ServerProcess(Path data) throws IOException {
    this.data = data;
    this.port = freePort();
  }

  static int freePort() throws IOException {
    try (ServerSocket free = new ServerSocket(0)) {
      return free.getLocalPort();
    }
  }

  /** {@link ServerMain} on {@code data} and {@code port}, in a JVM of its own, not started yet. */
  static ProcessBuilder serverMain(Path data, int port) {
    return new ProcessBuilder(
        ProcessHandle.current().info().command().orElse("java"),
        "-cp",
        System.getProperty("java.class.path"),
        ServerMain.class.getName(),
        "--data",
        data.toString(),
        "--port",
        Integer.toString(port));
  }

  /** Starts the server and returns once it answers. */
  void start() throws IOException {
    process =
        serverMain(data, port)
            .redirectErrorStream(true)
            .redirectOutput(data.resolveSibling(data.getFileName() + "-server.log").toFile())
            .start();
    ServerFixture.await("the server to answer", this::answers);
  }

  long pid() {
    return process.pid();
  }

  /** SIGKILL: no shutdown hook, no goodbye. */
  void killNine() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  HttpResponse<String> call(String method, String path, String body) {
    try {
      String token = Files.readString(data.resolve("token"), StandardCharsets.UTF_8).strip();
      return http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1" + path))
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body))
              .header("Authorization", "Bearer " + token)
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
    try {
      return call("GET", "/me", null).statusCode() == 200;
    } catch (UncheckedIOException notYet) {
      return false;
    }
  }

  static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
