package dev.omega.server;

import static java.util.Objects.requireNonNull;

import dev.omega.api.Dtos;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a server runs.
 *
 * @param tokens bearer token to the user it belongs to
 * @param catalog the compute sizes agents may ask for
 * @param storages the names of the shared folders under the data folder
 * @param stopGrace how long a stopped process has between SIGTERM and SIGKILL
 * @param catchUpWindow how late a task's scheduled time missed while the server was down may still
 *     run, as one catch-up job
 * @param tls serve HTTPS with this keystore; plain HTTP without
 * @param requestsPerMinute the calls one token may make a minute, beyond which 429; 0 for no limit
 */
public record ServerSettings(
    String host,
    int port,
    Path dataDir,
    Map<String, String> tokens,
    List<Dtos.ComputeSize> catalog,
    List<String> storages,
    Duration stopGrace,
    Duration catchUpWindow,
    Optional<Tls> tls,
    int requestsPerMinute) {
  /** The catch-up window when none is configured. */
  public static final Duration DEFAULT_CATCH_UP_WINDOW = Duration.ofHours(1);

  /** A keystore (PKCS#12 or JKS) holding the server's certificate and key. */
  public record Tls(Path keystore, String password) {
    public Tls {
      requireNonNull(keystore, "keystore");
      requireNonNull(password, "password");
    }

    @Override
    public String toString() {
      return "Tls[keystore=" + keystore + "]";
    }
  }

  public ServerSettings {
    requireNonNull(host, "host");
    requireNonNull(dataDir, "dataDir");
    tokens = Map.copyOf(tokens);
    catalog = List.copyOf(catalog);
    storages = List.copyOf(storages);
    requireNonNull(stopGrace, "stopGrace");
    requireNonNull(catchUpWindow, "catchUpWindow");
    if (catchUpWindow.isNegative()) {
      throw new IllegalArgumentException("catchUpWindow must not be negative: " + catchUpWindow);
    }
    requireNonNull(tls, "tls");
    if (requestsPerMinute < 0) {
      throw new IllegalArgumentException("requestsPerMinute must not be negative");
    }
  }

  /**
   * Plain HTTP, no rate limit, the {@linkplain #DEFAULT_CATCH_UP_WINDOW default catch-up window}.
   */
  public ServerSettings(
      String host,
      int port,
      Path dataDir,
      Map<String, String> tokens,
      List<Dtos.ComputeSize> catalog,
      List<String> storages,
      Duration stopGrace) {
    this(
        host,
        port,
        dataDir,
        tokens,
        catalog,
        storages,
        stopGrace,
        DEFAULT_CATCH_UP_WINDOW,
        Optional.empty(),
        0);
  }

  /** The same settings on another port. */
  public ServerSettings withPort(int newPort) {
    return new ServerSettings(
        host,
        newPort,
        dataDir,
        tokens,
        catalog,
        storages,
        stopGrace,
        catchUpWindow,
        tls,
        requestsPerMinute);
  }

  /** A single user on loopback: the defaults of the local platform. */
  public static ServerSettings local(Path dataDir, int port, String token) {
    return new ServerSettings(
        "127.0.0.1",
        port,
        dataDir,
        Map.of(token, "local"),
        List.of(
            new Dtos.ComputeSize("cpu-1", 1, 2048),
            new Dtos.ComputeSize("cpu-2", 2, 4096),
            new Dtos.ComputeSize("cpu-4", 4, 8192)),
        List.of(),
        Duration.ofSeconds(10));
  }
}
