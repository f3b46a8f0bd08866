package dev.omega.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.omega.core.config.ConfigProblem;
import dev.omega.core.config.InvalidConfigException;
import dev.omega.core.config.OmegaConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the apikey comes from, in order: the project's configuration, the {@code OMEGA_API_KEY}
 * environment variable, the user's credentials file written by {@code omega login} ({@code
 * credentials.yaml} under {@code OMEGA_HOME}, default {@code ~/.omega}, mode 0600).
 */
final class Credentials {
  static final String ENV_KEY = "OMEGA_API_KEY";
  private static final YAMLMapper YAML = new YAMLMapper();

  private final Path file;
  private final Map<String, String> environment;

  Credentials(Path omegaHome, Map<String, String> environment) {
    this.file = omegaHome.resolve("credentials.yaml");
    this.environment = environment;
  }

  Optional<String> apiKey(OmegaConfig config) {
    if (config.apikey() != null && !config.apikey().isBlank()) {
      return Optional.of(config.apikey());
    }
    String fromEnvironment = environment.get(ENV_KEY);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return Optional.of(fromEnvironment);
    }
    return stored();
  }

  void save(String apikey) {
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create " + file.getParent() + ": " + e.getMessage(), e);
    }
    String text = "apikey: '" + apikey.replace("'", "''") + "'\n";
    AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
  }

  private Optional<String> stored() {
    try {
      JsonNode node = YAML.readTree(Files.readString(file, StandardCharsets.UTF_8));
      return Optional.ofNullable(node)
          .map(n -> n.get("apikey"))
          .filter(JsonNode::isValueNode)
          .map(JsonNode::asText);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      // The message would quote the file, so it never carries the key itself.
      throw new InvalidConfigException(
          List.of(
              new ConfigProblem(
                  "apikey",
                  "the credentials file " + file + " cannot be read",
                  "run omega login again (it rewrites the file), or delete the file")));
    }
  }
}
