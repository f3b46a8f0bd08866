package dev.omega.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omega.api.Wire;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** What the end-to-end tests share: example projects, bounded polls, JSON and HTTP. */
final class Projects {
  private static final Duration POLL_EVERY = Duration.ofMillis(100);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private Projects() {}

  /** Copies {@code examples/<name>} (its files and folders) into {@code project}. */
  static void copyExample(String name, Path project) throws IOException {
    Path example = Path.of("..", "examples", name).toAbsolutePath().normalize();
    if (!Files.isDirectory(example)) {
      throw new IOException("no example " + example);
    }
    try (Stream<Path> files = Files.walk(example)) {
      for (Path file : files.toList()) {
        Path target = project.resolve(example.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /**
   * Asks {@code observe} every 100 ms until it answers, at most {@code limit}; its answer.
   *
   * @throws AssertionError naming {@code what} when the limit passes first
   */
  static <T> T poll(Duration limit, String what, Callable<Optional<T>> observe) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      Optional<T> seen = observe.call();
      if (seen.isPresent()) {
        return seen.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited " + limit.toSeconds() + " s for " + what);
      }
      Thread.sleep(POLL_EVERY);
    }
  }

  /** {@code omega inspect --json} (or any JSON output) read as a tree. */
  static JsonNode json(CliProcess.Result result) throws IOException {
    if (result.exitCode() != 0) {
      throw new AssertionError("exit code " + result.exitCode() + ": " + result.err());
    }
    return Wire.JSON.readTree(result.out());
  }

  /** GET {@code url}; empty while nothing answers there (a process still starting). */
  static Optional<HttpResponse<String>> get(String url) throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
    try {
      return Optional.of(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
    } catch (IOException notYet) {
      return Optional.empty();
    }
  }
}
