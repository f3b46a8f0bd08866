package dev.omega.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local server's start-up archive, beside the jar it runs from: the server that the launcher's
 * training ({@link StartupTraining}) starts writes it as it exits, and every later start maps it
 * instead of loading, verifying and linking the same classes again. On JDK 25 and newer it is an
 * AOT cache (with the methods' profiles), before an AppCDS archive. A missing archive, one older
 * than the jar, or one the JVM cannot use only leaves the server to start as it would without;
 * {@code OMEGA_NO_CDS}, which turns off the launcher's archive, turns this one off too.
 *
 * @param jar the jar the CLI and the server run from; empty when they run from a class path of
 *     folders (tests), which no archive serves, or when archives are turned off
 * @param jdk the feature version of the JDK the server runs on (this JVM's)
 */
record ServerArchive(Optional<Path> jar, int jdk) {
  /** The archive for the server this JVM starts: the same JDK, the same jar. */
  static ServerArchive ofThisJvm(Map<String, String> environment) {
    String classPath = System.getProperty("java.class.path", "");
    boolean turnedOff = !environment.getOrDefault("OMEGA_NO_CDS", "").isEmpty();
    Optional<Path> jar =
        classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator) && !turnedOff
            ? Optional.of(Path.of(classPath).toAbsolutePath())
            : Optional.empty();
    return new ServerArchive(jar, Runtime.version().feature());
  }

  /** {@code omega-server.aot} beside {@code omega.jar} ({@code .jsa} before JDK 25). */
  Optional<Path> file() {
    return jar.map(
        path -> {
          String name = path.getFileName().toString();
          String stem = name.substring(0, name.length() - ".jar".length());
          return path.resolveSibling(stem + (aotCache() ? "-server.aot" : "-server.jsa"));
        });
  }

  /** The JVM flags that map the archive, when it is there and was made from this jar. */
  List<String> flagsToUse() {
    Optional<Path> file = file().filter(this::newerThanTheJar);
    if (file.isEmpty()) {
      return List.of();
    }
    return aotCache()
        ? List.of("-XX:AOTCache=" + file.get(), "-Xlog:aot=off", "-Xlog:cds=off")
        : List.of(
            "-XX:SharedArchiveFile=" + file.get(),
            "-Xshare:auto",
            "-Xlog:cds=off",
            "-Xlog:cds+dynamic=off");
  }

  /**
   * The JVM flags that have the server write an archive to {@code file} as it exits (the
   * training's, which moves it into place once the server has ended).
   */
  List<String> flagsToWrite(Path file) {
    return aotCache()
        ? List.of("-XX:AOTCacheOutput=" + file, "-Xlog:aot=off", "-Xlog:cds=off")
        : List.of("-XX:ArchiveClassesAtExit=" + file, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
  }

  private boolean aotCache() {
    return jdk >= 25;
  }

  private boolean newerThanTheJar(Path file) {
    try {
      return Files.getLastModifiedTime(file).compareTo(Files.getLastModifiedTime(jar.orElseThrow()))
          > 0;
    } catch (IOException missing) {
      return false;
    }
  }
}
