package dev.omega.core.port;

import dev.omega.core.config.InvalidConfigException;
import dev.omega.core.config.OmegaConfig;
import java.util.Map;
import java.util.Optional;

/** The project's {@code .omega/config.yaml} (spec 5). */
public interface ConfigStore {
  /**
   * The configuration as written, not yet validated; empty when the project has none.
   *
   * @throws InvalidConfigException when the file cannot be read as a configuration
   */
  Optional<OmegaConfig> load();

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
