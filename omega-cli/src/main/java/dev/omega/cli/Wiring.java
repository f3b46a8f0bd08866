package dev.omega.cli;

import dev.omega.api.Dtos;
import dev.omega.config.LocalProject;
import dev.omega.core.config.ConfigValidator;
import dev.omega.core.config.OmegaConfig;
import dev.omega.core.port.AgentApi;
import dev.omega.core.port.Clock;
import dev.omega.core.port.ConfigStore;
import dev.omega.core.port.NetworkException;
import dev.omega.core.port.PlatformException;
import dev.omega.core.port.Ports;
import dev.omega.core.port.TaskApi;
import dev.omega.core.port.Workspace;
import dev.omega.core.procedure.Pacing;
import dev.omega.core.procedure.Procedures;
import dev.omega.http.HttpPlatform;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Everything a command needs, assembled once: the one place that knows every adapter. */
final class Wiring implements AutoCloseable {
  final GlobalOptions global;
  final TerminalConsole console;
  final LocalProject project;
  private final Optional<CrashPoints> crashPoints;
  private final ServerArchive serverArchive;
  private HttpPlatform platform;

  Wiring(GlobalOptions global, Map<String, String> environment, TerminalConsole console) {
    this.global = global;
    this.console = console;
    this.project = LocalProject.at(global.dir, environment);
    this.crashPoints = CrashPoints.from(environment);
    this.serverArchive = ServerArchive.ofThisJvm(environment);
  }

  OmegaConfig config() {
    return project.configStore().load().orElse(OmegaConfig.empty());
  }

  LocalServer localServer() {
    return new LocalServer(project.omegaHome(), serverArchive);
  }

  /** The platform the project uses: its {@code server}, else the local one, started if need be. */
  HttpPlatform platform() throws InterruptedException {
    if (platform == null) {
      OmegaConfig config = config();
      if (config.server() != null) {
        platform = HttpPlatform.connect(URI.create(config.server()), project.apiKey(config));
      } else {
        platform = localServer().connectOrStart(console);
      }
    }
    return platform;
  }

  /**
   * Checks, before a flow records anything in the configuration, that the platform can be used: its
   * URL and the apikey's form (refused as usage errors), and, for a team's server, that it accepts
   * the key ({@code GET /me}; refused with exit code 3). A network failure is left to the flow,
   * which retries; so is an invalid configuration, which the flow reports with its locations.
   */
  void checkAccess() throws InterruptedException {
    OmegaConfig config = config();
    if (!ConfigValidator.problems(config).isEmpty()) {
      return;
    }
    HttpPlatform connected = platform();
    if (config.server() != null) {
      try {
        connected.user();
      } catch (NetworkException retriedByTheFlow) {
        // The flow's calls are retried with backoff; this check is not worth failing over.
      }
    }
  }

  /**
   * What the platform at {@code server} (the local one when null) offers, or empty with a warning
   * when it cannot be read now: the sizes are then checked at the next run instead.
   */
  Optional<Dtos.Catalog> catalog(String server) throws InterruptedException {
    OmegaConfig config = config();
    try {
      if (Objects.equals(server, config.server())) {
        return Optional.of(platform().catalog());
      }
      try (HttpPlatform other =
          HttpPlatform.connect(
              URI.create(server), project.apiKey(config.toBuilder().server(server).build()))) {
        return Optional.of(other.catalog());
      }
    } catch (PlatformException unreadable) {
      console.say(
          "! Could not read the platform's catalog ("
              + unreadable.getMessage()
              + "): compute_size and storage are checked at omega run instead.");
      return Optional.empty();
    }
  }

  /**
   * The procedures over this project. The platform is reached (and the local one started) only when
   * a procedure first calls it: {@code omega config} of a new project never does.
   */
  Procedures procedures() {
    Optional<Boolean> answer =
        global.yes ? Optional.of(true) : global.no ? Optional.of(false) : Optional.empty();
    Ports ports =
        new Ports(
            around(AgentApi.class, "agents", lazy(AgentApi.class, () -> platform().agents())),
            around(TaskApi.class, "tasks", lazy(TaskApi.class, () -> platform().tasks())),
            around(ConfigStore.class, "config", project.configStore()),
            around(Workspace.class, "workspace", project.workspace(config())),
            new TerminalPrompter(answer, console),
            console,
            Clock.system());
    return new Procedures(ports, Pacing.defaults());
  }

  /** The port with the reliability harness's crash points around its calls, when it is on. */
  private <T> T around(Class<T> port, String name, T target) {
    return crashPoints.map(points -> points.around(port, name, target)).orElse(target);
  }

  /** Connects on the first call, so that commands that need no platform never start one. */
  private static <T> T lazy(Class<T> port, Connect<T> connect) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.getDeclaringClass() == Object.class) {
            return method.invoke(port.getSimpleName(), args);
          }
          try {
            return method.invoke(connect.get(), args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, handler));
  }

  private interface Connect<T> {
    T get() throws InterruptedException;
  }

  @Override
  public void close() {
    if (platform != null) {
      platform.close();
    }
  }
}
