package dev.omega.cli;

import dev.omega.core.port.NetworkException;
import dev.omega.http.HttpPlatform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The local platform under {@code OMEGA_HOME/server}: found by the URL and PID it records when it
 * starts, started in the background (its own session, its own log file) when none answers.
 */
final class LocalServer {
  private static final Duration START_DEADLINE = Duration.ofSeconds(30);

  /** How long a server that is up may take to answer the probe before it counts as not running. */
  private static final Duration PROBE_PATIENCE = Duration.ofSeconds(5);

  /** How a stop went. */
  enum Stopped {
    NOT_RUNNING,
    ENDED,
    KILLED
  }

  private final Path dataDir;
  private final ServerArchive archive;

  LocalServer(Path omegaHome, ServerArchive archive) {
    this.dataDir = omegaHome.resolve("server");
    this.archive = archive;
  }

  Path dataDir() {
    return dataDir;
  }

  Path tokenFile() {
    return dataDir.resolve("token");
  }

  Path logFile() {
    return dataDir.resolve("server.log");
  }

  private Path urlFile() {
    return dataDir.resolve("url");
  }

  private Path pidFile() {
    return dataDir.resolve("pid");
  }

  /** The running local server's URL, when one answers. */
  Optional<URI> running() {
    return connect()
        .map(
            platform -> {
              platform.close();
              return platform.baseUrl();
            });
  }

  /** A connection to the running local server, when one answers. */
  private Optional<HttpPlatform> connect() {
    URI url;
    String token;
    try {
      url = URI.create(Files.readString(urlFile(), StandardCharsets.UTF_8).strip());
      token = Files.readString(tokenFile(), StandardCharsets.UTF_8).strip();
    } catch (IOException | IllegalArgumentException neverStarted) {
      return Optional.empty();
    }
    HttpPlatform platform = HttpPlatform.connect(url, Optional.of(token));
    if (platform.answers(PROBE_PATIENCE)) {
      return Optional.of(platform);
    }
    platform.close();
    return Optional.empty();
  }

  Optional<Long> pid() {
    try {
      return Optional.of(
          Long.parseLong(Files.readString(pidFile(), StandardCharsets.UTF_8).strip()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  String token() {
    try {
      return Files.readString(tokenFile(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the local server's token " + tokenFile(), e);
    }
  }

  /** The URL of the local server, started first when none answers. */
  URI ensureRunning(TerminalConsole console) throws InterruptedException {
    try (HttpPlatform platform = connectOrStart(console)) {
      return platform.baseUrl();
    }
  }

  /**
   * A connection to the local server, started first when none answers. The connection that found it
   * answering is the one the command goes on with.
   */
  HttpPlatform connectOrStart(TerminalConsole console) throws InterruptedException {
    Optional<HttpPlatform> running = connect();
    if (running.isPresent()) {
      return running.get();
    }
    Optional<ProcessHandle> silent = recordedProcess();
    if (silent.isPresent()) {
      Optional<HttpPlatform> answered = awaitAnswer(silent.get(), console);
      if (answered.isPresent()) {
        return answered.get();
      }
    }
    URI started = start();
    console.say(
        "• Started the local Omega platform at " + started + " (stop it with: omega server stop)");
    return HttpPlatform.connect(started, Optional.of(token()));
  }

  /**
   * The port the server had last time when it is free, so that commands still running against the
   * previous server (a run following logs, a watch) reach the new one; else any free port.
   */
  private int portToUse() throws IOException {
    try {
      int previous =
          URI.create(Files.readString(urlFile(), StandardCharsets.UTF_8).strip()).getPort();
      if (previous > 0) {
        try (ServerSocket again =
            new ServerSocket(previous, 50, InetAddress.getLoopbackAddress())) {
          return again.getLocalPort();
        }
      }
    } catch (IOException | IllegalArgumentException noPreviousPortOrTaken) {
      // Any free port then.
    }
    try (ServerSocket free = new ServerSocket(0)) {
      return free.getLocalPort();
    }
  }

  /**
   * Starts the server in its own session, so that Ctrl+C here never reaches it, mapping its
   * start-up archive when there is one.
   */
  URI start() throws InterruptedException {
    return start(archive.flagsToUse());
  }

  /** {@link #start()} with {@code jvmFlags} for the server's JVM. */
  URI start(List<String> jvmFlags) throws InterruptedException {
    try {
      Files.createDirectories(dataDir);
      int port = portToUse();
      URI url = URI.create("http://127.0.0.1:" + port);
      List<String> command = new ArrayList<>();
      command.add("setsid");
      command.add(ProcessHandle.current().info().command().orElse("java"));
      command.addAll(jvmFlags);
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add("dev.omega.server.ServerMain");
      command.add("--data");
      command.add(dataDir.toString());
      command.add("--port");
      command.add(Integer.toString(port));
      Optional<String> previousUrl = read(urlFile());
      Optional<String> previousPid = read(pidFile());
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      Files.writeString(urlFile(), url + "\n");
      Files.writeString(pidFile(), process.pid() + "\n");
      long deadline = System.nanoTime() + START_DEADLINE.toNanos();
      while (running().isEmpty()) {
        if (!process.isAlive()) {
          // Its data folder may be another server's, which the record must keep naming.
          restore(urlFile(), previousUrl);
          restore(pidFile(), previousPid);
          throw new NetworkException(
              "the local server did not start"
                  + lastSaid(logFile()).map(line -> " (" + line + ")").orElse("")
                  + "; see "
                  + logFile());
        }
        if (System.nanoTime() > deadline) {
          throw new NetworkException(
              "the local server did not answer within "
                  + START_DEADLINE.toSeconds()
                  + " s; see "
                  + logFile());
        }
        Thread.sleep(100);
      }
      return url;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the local server: " + e.getMessage(), e);
    }
  }

  private static Optional<String> read(Path file) throws IOException {
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException none) {
      return Optional.empty();
    }
  }

  private static void restore(Path file, Optional<String> content) throws IOException {
    if (content.isPresent()) {
      Files.writeString(file, content.get());
    } else {
      Files.deleteIfExists(file);
    }
  }

  /** What a server that could not start said of it last, e.g. that another one has its folder. */
  private static Optional<String> lastSaid(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (lines.get(i).startsWith("omega-server: ")) {
          return Optional.of(lines.get(i).strip());
        }
      }
    } catch (IOException unreadable) {
      // the log is named in the message anyway
    }
    return Optional.empty();
  }

  /**
   * The recorded server's process when it is alive and serves this data folder, answering or not: a
   * busy or frozen server still holds the folder (a second one would refuse it), and {@link #stop}
   * stops it all the same. The PID the server wrote in its data folder's lock comes first: it is
   * right even when a server that could not start recorded itself.
   */
  Optional<ProcessHandle> recordedProcess() {
    return Stream.of(lockHolder(), pid())
        .flatMap(Optional::stream)
        .distinct()
        .flatMap(pid -> ProcessHandle.of(pid).stream())
        .filter(ProcessHandle::isAlive)
        .filter(this::servesThisFolder)
        .findFirst();
  }

  private Optional<Long> lockHolder() {
    try {
      return Optional.of(
          Long.parseLong(
              Files.readString(dataDir.resolve("server.lock"), StandardCharsets.UTF_8).strip()));
    } catch (IOException | NumberFormatException none) {
      return Optional.empty();
    }
  }

  /** Told by its command line, or (a PID reused, or arguments hidden) by an answer. */
  private boolean servesThisFolder(ProcessHandle process) {
    boolean named =
        process
            .info()
            .arguments()
            .map(List::of)
            .filter(
                args ->
                    args.contains("dev.omega.server.ServerMain")
                        && args.contains(dataDir.toString()))
            .isPresent();
    return named || running().isPresent();
  }

  /**
   * A connection to the recorded server once it answers, which it has the start's time to do; none
   * when it ended meanwhile.
   */
  private Optional<HttpPlatform> awaitAnswer(ProcessHandle process, TerminalConsole console)
      throws InterruptedException {
    console.say(
        "• The local platform (PID "
            + process.pid()
            + ") does not answer yet; waiting up to "
            + START_DEADLINE.toSeconds()
            + " s for it (its log: "
            + logFile()
            + ")");
    long deadline = System.nanoTime() + START_DEADLINE.toNanos();
    while (process.isAlive() && System.nanoTime() < deadline) {
      Optional<HttpPlatform> answering = connect();
      if (answering.isPresent()) {
        return answering;
      }
      Thread.sleep(100);
    }
    if (!process.isAlive()) {
      return Optional.empty();
    }
    throw new NetworkException(
        "the local server (PID "
            + process.pid()
            + ") runs but has not answered for "
            + START_DEADLINE.toSeconds()
            + " s; see "
            + logFile()
            + ", or stop it with: omega server stop");
  }

  /** Stops the server (SIGTERM, by its recorded PID); agents' processes go on. */
  boolean stop() throws InterruptedException {
    return stop(Duration.ofSeconds(10)) != Stopped.NOT_RUNNING;
  }

  /** {@link #stop()}, killing the server once it has not ended within {@code patience}. */
  Stopped stop(Duration patience) throws InterruptedException {
    Optional<ProcessHandle> process = recordedProcess();
    if (process.isEmpty()) {
      return Stopped.NOT_RUNNING;
    }
    process.get().destroy();
    long deadline = System.nanoTime() + patience.toNanos();
    while (process.get().isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    if (process.get().isAlive()) {
      process.get().destroyForcibly();
      return Stopped.KILLED;
    }
    return Stopped.ENDED;
  }
}
