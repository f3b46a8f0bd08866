package dev.omega.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The common commands run once against a throwaway project and local platform, so that the JVM can
 * keep every class they load: {@code bin/omega} runs this once per build under {@code
 * -XX:AOTCacheOutput} (JDK 25 and newer: classes loaded and linked, and method profiles) or {@code
 * -XX:ArchiveClassesAtExit} (AppCDS, before), and every later command maps the result instead of
 * loading and verifying those classes again. The local platform they run against does the same for
 * the server ({@link ServerArchive}), written as it stops.
 */
public final class StartupTraining {
  private StartupTraining() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Path home = Files.createTempDirectory("omega-training-");
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.put("OMEGA_HOME", home.toString());
    environment.remove("OMEGA_API_KEY");
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true);
    String project = home.resolve("project").toString();
    ServerArchive archive = ServerArchive.ofThisJvm(environment);
    LocalServer server = new LocalServer(home, archive);
    // Written under a name of this training's own, and moved into place only once the server has
    // ended by itself: a server killed while writing, or two trainings at once, leave no torn file.
    Optional<Path> staged =
        archive
            .file()
            .map(f -> f.resolveSibling(f.getFileName() + "." + ProcessHandle.current().pid()));
    AtomicBoolean cleanedUp = new AtomicBoolean();
    // Ctrl+C or a kill of the training leaves no server running in the background.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (cleanedUp.compareAndSet(false, true)) {
                    cleanUp(server, Duration.ofSeconds(10), staged, Optional.empty(), home);
                  }
                }));
    try {
      if (staged.isPresent()) {
        try {
          server.start(archive.flagsToWrite(staged.get()));
        } catch (RuntimeException noServer) {
          // The first command starts one as usual; only the server's archive is not made.
        }
      }
      Files.createDirectories(home.resolve("project/src"));
      Files.writeString(home.resolve("project/src/main.py"), "print('hi')\n");
      Files.writeString(home.resolve("project/.gitignore"), "build/\n");
      for (List<String> command :
          List.of(
              List.of("--version"),
              List.of("--help"),
              List.of("--dir", project, "config", "--job-type", "job", "--command", "true"),
              List.of("--dir", project, "run", "--detach"),
              List.of("--dir", project, "sync"),
              List.of("--dir", project, "sync", "--dry-run", "--json"),
              List.of("--dir", project, "inspect"),
              List.of("--dir", project, "inspect", "--json"),
              List.of("--dir", project, "watch", "--no-follow"),
              List.of("server", "status", "--json"))) {
        OmegaCli.run(command.toArray(String[]::new), environment, quiet, quiet);
      }
    } finally {
      if (cleanedUp.compareAndSet(false, true)) {
        // The server's JVM writes its archive as it exits, which takes seconds.
        cleanUp(server, Duration.ofMinutes(2), staged, archive.file(), home);
      }
    }
  }

  /**
   * Stops the training's server, moves the archive it wrote to {@code target} when it ended by
   * itself (else drops it), and deletes the throwaway home.
   */
  private static void cleanUp(
      LocalServer server,
      Duration patience,
      Optional<Path> staged,
      Optional<Path> target,
      Path home) {
    try {
      boolean ended = server.stop(patience) == LocalServer.Stopped.ENDED;
      if (staged.isPresent() && Files.exists(staged.get())) {
        if (ended && target.isPresent()) {
          Files.move(
              staged.get(),
              target.get(),
              StandardCopyOption.REPLACE_EXISTING,
              StandardCopyOption.ATOMIC_MOVE);
        } else {
          Files.delete(staged.get());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      deleteTree(home);
    }
  }

  private static void deleteTree(Path root) {
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              Files.delete(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
