package dev.omega.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.omega.api.Dtos;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server's YAML configuration file. Every key is optional; the defaults suit one user on
 * loopback: 127.0.0.1, a token generated once and kept with mode 0600 in the data folder.
 */
record ServerConfigFile(
    String listen,
    Integer port,
    @JsonProperty("data_dir") String dataDir,
    Map<String, String> tokens,
    @JsonProperty("compute_sizes") List<Dtos.ComputeSize> computeSizes,
    List<String> storages,
    @JsonProperty("stop_grace_seconds") Integer stopGraceSeconds,
    @JsonProperty("allow_insecure_http") Boolean allowInsecureHttp,
    @JsonProperty("catch_up_window_minutes") Integer catchUpWindowMinutes,
    TlsFile tls,
    @JsonProperty("rate_limit_per_minute") Integer rateLimitPerMinute,
    String runtime,
    Map<String, Object> slurm) {

  /** {@code tls: {keystore: server.p12, password: ...}}: serve HTTPS. */
  record TlsFile(String keystore, String password) {}

  static final int DEFAULT_PORT = 8321;

  static ServerConfigFile read(Path file) throws IOException {
    YAMLMapper yaml =
        YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    return yaml.readValue(file.toFile(), ServerConfigFile.class);
  }

  static ServerConfigFile defaults() {
    return new ServerConfigFile(
        null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /**
   * The settings to run with.
   *
   * @throws IllegalStateException for a listen address beyond loopback without TLS, unless plain
   *     HTTP is explicitly allowed
   */
  ServerSettings settings(Path defaultDataDir) throws IOException {
    String host = listen == null ? "127.0.0.1" : listen;
    if (!isLoopback(host) && tls == null && !Boolean.TRUE.equals(allowInsecureHttp)) {
      throw new IllegalStateException(
          "listening on "
              + host
              + " without TLS would send apikeys in clear text. Configure"
              + " tls: {keystore: ..., password: ...}, or set allow_insecure_http: true if the"
              + " network is private.");
    }
    Path data = dataDir == null ? defaultDataDir : Path.of(dataDir);
    Map<String, String> allTokens = new HashMap<>(tokens == null ? Map.of() : tokens);
    if (allTokens.isEmpty()) {
      allTokens.put(localToken(data), "local");
    }
    ServerSettings local = ServerSettings.local(data, 0, "unused");
    return new ServerSettings(
        host,
        port == null ? DEFAULT_PORT : port,
        data,
        allTokens,
        computeSizes == null ? local.catalog() : computeSizes,
        storages == null ? List.of() : storages,
        stopGraceSeconds == null ? local.stopGrace() : Duration.ofSeconds(stopGraceSeconds),
        catchUpWindowMinutes == null
            ? ServerSettings.DEFAULT_CATCH_UP_WINDOW
            : Duration.ofMinutes(catchUpWindowMinutes),
        Optional.ofNullable(tls)
            .map(t -> new ServerSettings.Tls(Path.of(t.keystore()), t.password())),
        rateLimitPerMinute == null ? 0 : rateLimitPerMinute);
  }

  /**
   * The settings block of the selected runtime: the block under the key that {@code runtime:}
   * names.
   */
  Map<String, Object> runtimeSettings() {
    String name = runtime == null ? RuntimeSelection.LOCAL : runtime;
    if (name.equals("slurm")) {
      return slurm == null ? Map.of() : slurm;
    }
    return Map.of();
  }

  /** The local user's token, made once, readable by its owner only. */
  static String localToken(Path dataDir) throws IOException {
    Path file = dataDir.resolve("token");
    if (Files.exists(file)) {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    }
    Files.createDirectories(dataDir);
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    String token = HexFormat.of().formatHex(random);
    Path temp =
        Files.createTempFile(
            dataDir,
            ".token",
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(temp, token + "\n");
    Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return token;
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
