package dev.omega.server;

import dev.omega.runtime.AgentRuntime;
import dev.omega.runtime.RuntimeProvider;
import dev.omega.server.runtime.LocalProcessRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The runtime the server's {@code runtime:} key names: {@value #LOCAL} (the default) is this
 * machine; any other name is a {@link RuntimeProvider} on the class path, such as {@code slurm}.
 */
final class RuntimeSelection {
  /** The name of the runtime that runs processes on the server's own machine. */
  static final String LOCAL = "local";

  private RuntimeSelection() {}

  /**
   * @throws IllegalArgumentException for a name no provider has, listing those there are, or for
   *     settings the provider refuses
   */
  static AgentRuntime select(String name, Map<String, Object> settings) {
    if (name == null || name.equals(LOCAL)) {
      return new LocalProcessRuntime();
    }
    List<String> known = new ArrayList<>(List.of(LOCAL));
    for (RuntimeProvider provider : ServiceLoader.load(RuntimeProvider.class)) {
      if (provider.name().equals(name)) {
        return provider.create(settings);
      }
      known.add(provider.name());
    }
    throw new IllegalArgumentException(
        "runtime: '" + name + "' is not available in this server; choose one of " + known);
  }
}
