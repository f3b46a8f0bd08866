package dev.omega.config;

import dev.omega.core.config.OmegaConfig;
import dev.omega.core.port.ConfigStore;
import dev.omega.core.port.Workspace;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The local side of Omega for one project directory: its configuration, its environment, its files,
 * and the user's credentials. The one public entry to this module's adapters.
 */
public final class LocalProject {
  private final Path directory;
  private final Map<String, String> environment;

  private LocalProject(Path directory, Map<String, String> environment) {
    this.directory = directory.toAbsolutePath().normalize();
    this.environment = Map.copyOf(environment);
  }

  /**
   * @param environment the process environment, for {@code OMEGA_API_KEY} and {@code OMEGA_HOME}
   */
  public static LocalProject at(Path directory, Map<String, String> environment) {
    return new LocalProject(directory, environment);
  }

  public Path directory() {
    return directory;
  }

  /**
   * {@code OMEGA_HOME}, default {@code ~/.omega}: the user's credentials and the local platform.
   */
  public Path omegaHome() {
    String home = environment.get("OMEGA_HOME");
    return home != null && !home.isBlank()
        ? Path.of(home)
        : Path.of(System.getProperty("user.home"), ".omega");
  }

  public ConfigStore configStore() {
    return new YamlConfigStore(directory, () -> {});
  }

  /** The project's files as sync sees them; the configured env file is never among them. */
  public Workspace workspace(OmegaConfig config) {
    return new LocalWorkspace(directory, Optional.ofNullable(config.envFile()));
  }

  /**
   * Every path of the project that sync leaves out, with the rule or reason that leaves it out, as
   * {@code omega sync --dry-run} shows them: a folder left out stands for everything in it.
   */
  public Map<String, String> leftOut(OmegaConfig config) {
    return new LocalWorkspace(directory, Optional.ofNullable(config.envFile())).leftOut();
  }

  /** The apikey to use, from the configuration, the environment or the credentials file. */
  public Optional<String> apiKey(OmegaConfig config) {
    return new Credentials(omegaHome(), environment).apiKey(config);
  }

  /** Stores the apikey in the user's credentials file, as {@code omega login} does. */
  public void saveCredentials(String apikey) {
    new Credentials(omegaHome(), environment).save(apikey);
  }
}
