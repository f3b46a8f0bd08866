package dev.omega.core.port;

import dev.omega.core.config.InvalidConfigException;
import dev.omega.core.config.OmegaConfig;
import java.util.Map;
import java.util.Optional;

/** The project's {@code .omega/config.yaml} (spec 5). */
public interface ConfigStore {
  /**
   * The configuration as written, not yet validated against its application type, so that a
   * configuration with a missing key or a wrong schedule can still be loaded and fixed; empty when
   * the project has none.
   *
   * @throws InvalidConfigException when the file cannot be read as a configuration: not YAML,
   *     unknown keys, values of the wrong type
   */
  Optional<OmegaConfig> load();

  /**
   * Where {@code key} is written, such as {@code ".omega/config.yaml line 3, column 1"}, so that a
   * problem found later can point at it; empty when the key is absent or the store cannot say.
   */
  default Optional<String> locate(String key) {
    return Optional.empty();
  }

  /** Replaces the configuration at once: an interrupted save leaves the previous one intact. */
  void save(OmegaConfig config);

  /**
   * The application's environment: {@code env_values}, overridden by the values of {@code env_file}
   * when one is set (spec 5.2.3).
   *
   * @throws InvalidConfigException when the env file is missing or malformed
   */
  Map<String, String> environment(OmegaConfig config);
}
