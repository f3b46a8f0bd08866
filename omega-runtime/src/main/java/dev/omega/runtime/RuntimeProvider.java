package dev.omega.runtime;

import java.util.Map;

/**
 * Makes a runtime from the server's configuration: {@code runtime: <name>} selects the provider of
 * that name (found with {@link java.util.ServiceLoader}), and the block under the same key holds
 * its settings. Providers are listed in {@code
 * META-INF/services/dev.omega.runtime.RuntimeProvider}.
 */
public interface RuntimeProvider {
  /** The value of {@code runtime:} that selects this provider, e.g. {@code slurm}. */
  String name();

  /**
   * The runtime these settings describe.
   *
   * @param settings the YAML block named after the provider, as maps, lists and scalars
   * @throws IllegalArgumentException naming the key that is wrong or missing, and how to fix it
   */
  AgentRuntime create(Map<String, Object> settings);
}
