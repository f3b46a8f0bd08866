package dev.omega.server;

import dev.omega.runtime.AgentRuntime;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The reference Omega platform: the HTTP API v1 over agents and tasks run by an {@link
 * AgentRuntime}. Started by the CLI on the user's machine, or deployed by a team.
 */
public final class OmegaServer implements AutoCloseable {
  private final Javalin app;
  private final AgentService agents;
  private final TaskService tasks;
  private final Database db;
  private final DataFolderLock lock;
  private final ServerSettings settings;

  private OmegaServer(
      Javalin app,
      AgentService agents,
      TaskService tasks,
      Database db,
      DataFolderLock lock,
      ServerSettings settings) {
    this.app = app;
    this.agents = agents;
    this.tasks = tasks;
    this.db = db;
    this.lock = lock;
    this.settings = settings;
  }

  /**
   * Starts serving; returns once the port is bound. The state in the data folder is read back
   * first, so agents and tasks from before a restart are there again.
   *
   * @throws DataFolderLock.InUse when another server uses the data folder
   */
  public static OmegaServer start(ServerSettings settings, AgentRuntime runtime) {
    return start(settings, runtime, Clock.systemUTC());
  }

  /** {@link #start(ServerSettings, AgentRuntime)} with the scheduler on {@code clock}. */
  static OmegaServer start(ServerSettings settings, AgentRuntime runtime, Clock clock) {
    try {
      Files.createDirectories(settings.dataDir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data folder " + settings.dataDir(), e);
    }
    DataFolderLock lock = DataFolderLock.take(settings.dataDir());
    List<AutoCloseable> opened = new ArrayList<>(List.of(lock));
    try {
      Database db = Database.open(settings.dataDir().resolve("omega.db"));
      opened.add(db);
      AgentService agents = new AgentService(settings, runtime, db);
      opened.add(agents);
      TaskService tasks = new TaskService(settings, runtime, db, clock);
      opened.add(tasks);
      ApiRoutes routes = new ApiRoutes(settings, agents, tasks);
      Javalin app =
          Javalin.create(
              config -> {
                config.concurrency.useVirtualThreads = true;
                config.startup.showJavalinBanner = false;
                config.jetty.host = settings.host();
                config.jetty.port = settings.port();
                settings
                    .tls()
                    .ifPresent(
                        tls ->
                            config.jetty.addConnector(
                                (server, http) -> https(server, tls, settings)));
                routes.register(config);
              });
      app.start();
      return new OmegaServer(app, agents, tasks, db, lock, settings);
    } catch (RuntimeException e) {
      closeAll(opened.reversed(), e);
      throw e;
    }
  }

  /** Closes each part, the last opened first; what fails to close is added to {@code failure}. */
  private static void closeAll(List<AutoCloseable> parts, RuntimeException failure) {
    for (AutoCloseable part : parts) {
      try {
        part.close();
      } catch (Exception e) {
        failure.addSuppressed(e);
      }
    }
  }

  public int port() {
    for (Connector connector : app.jettyServer().server().getConnectors()) {
      if (connector instanceof ServerConnector bound) {
        return bound.getLocalPort();
      }
    }
    return app.port();
  }

  /** The root URL clients use, e.g. {@code http://127.0.0.1:8321}. */
  public URI url() {
    String scheme = settings.tls().isPresent() ? "https" : "http";
    return URI.create(scheme + "://" + settings.host() + ":" + port());
  }

  /** The HTTPS connector that replaces the plain one when a keystore is configured. */
  private static Connector https(Server server, ServerSettings.Tls tls, ServerSettings settings) {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStorePath(tls.keystore().toString());
    ssl.setKeyStorePassword(tls.password());
    ServerConnector connector = new ServerConnector(server, ssl);
    connector.setHost(settings.host());
    connector.setPort(settings.port());
    return connector;
  }

  /**
   * Stops serving and scheduling. Agents' and jobs' processes go on; a later server adopts them.
   */
  @Override
  public void close() {
    try {
      app.stop();
      tasks.close();
      agents.close();
      db.close();
    } finally {
      lock.close();
    }
  }
}
