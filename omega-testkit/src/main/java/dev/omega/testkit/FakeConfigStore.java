package dev.omega.testkit;

import dev.omega.core.config.OmegaConfig;
import dev.omega.core.port.ConfigStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration in memory. The env file is a map set by the test; saves can be made to crash,
 * leaving the previous configuration, as the real store's atomic write does. This class is
 * threadsafe.
 */
public final class FakeConfigStore implements ConfigStore {
  private OmegaConfig config;
  private final Map<String, String> envFile = new HashMap<>();
  private int saves;
  private int crashOnSave = -1;

  public FakeConfigStore() {}

  public FakeConfigStore(OmegaConfig config) {
    this.config = config;
  }

  @Override
  public synchronized Optional<OmegaConfig> load() {
    return Optional.ofNullable(config);
  }

  @Override
  public synchronized void save(OmegaConfig config) {
    saves++;
    if (saves == crashOnSave) {
      throw new SimulatedCrash("before config save " + saves + " took effect");
    }
    this.config = config;
  }

  @Override
  public synchronized Map<String, String> environment(OmegaConfig config) {
    Map<String, String> env = new HashMap<>(config.envValues());
    if (config.envFile() != null) {
      env.putAll(envFile);
    }
    return Map.copyOf(env);
  }

  /** The values the env file holds. */
  public synchronized FakeConfigStore envFile(Map<String, String> values) {
    envFile.clear();
    envFile.putAll(values);
    return this;
  }

  /** The {@code n}-th save from now on (1 is the next) crashes before it takes effect. */
  public synchronized FakeConfigStore crashOnSave(int n) {
    crashOnSave = saves + n;
    return this;
  }

  public synchronized int saves() {
    return saves;
  }

  public synchronized OmegaConfig current() {
    return config;
  }
}
