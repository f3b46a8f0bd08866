package dev.omega.server;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the server: {@code omega-server [--config FILE] [--data DIR] [--port N]}. Prints one line
 * with its URL, then serves until stopped (SIGTERM or Ctrl+C). Agents' processes go on after it
 * stops and are adopted by the next start.
 */
public final class ServerMain {
  private ServerMain() {}

  public static void main(String[] args) throws Exception {
    Path config = null;
    Path data = defaultDataDir();
    Integer port = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--config" -> config = Path.of(args[++i]);
        case "--data" -> data = Path.of(args[++i]);
        case "--port" -> port = Integer.parseInt(args[++i]);
        default -> {
          System.err.println(
              "unknown option " + args[i] + "; use --config FILE, --data DIR, --port N");
          System.exit(2);
        }
      }
    }
    ServerConfigFile file =
        config == null ? ServerConfigFile.defaults() : ServerConfigFile.read(config);
    ServerSettings settings = file.settings(data);
    if (port != null) {
      settings = settings.withPort(port);
    }
    OmegaServer server;
    try {
      server =
          OmegaServer.start(
              settings, RuntimeSelection.select(file.runtime(), file.runtimeSettings()));
    } catch (IllegalArgumentException | DataFolderLock.InUse e) {
      System.err.println("omega-server: " + e.getMessage());
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                }));
    System.out.println(
        "Omega server listening on " + server.url() + " (data in " + settings.dataDir() + ")");
    stopped.await();
  }

  private static Path defaultDataDir() {
    String home = System.getenv("OMEGA_HOME");
    Path omegaHome =
        home == null || home.isBlank()
            ? Path.of(System.getProperty("user.home"), ".omega")
            : Path.of(home);
    return omegaHome.resolve("server");
  }
}
