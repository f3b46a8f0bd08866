package dev.omega.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    LocalServer server = new LocalServer(home);
    try {
      server.start(ServerArchive.ofThisJvm().flagsToWrite());
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
      // The server's JVM writes its archive as it exits, which takes seconds.
      server.stop(Duration.ofMinutes(2));
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
