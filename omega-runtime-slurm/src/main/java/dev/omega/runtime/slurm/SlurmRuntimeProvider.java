package dev.omega.runtime.slurm;

import dev.omega.runtime.AgentRuntime;
import dev.omega.runtime.RuntimeProvider;
import java.util.Map;

/** {@code runtime: slurm}, with its {@code slurm:} block (see {@link SlurmSettings}). */
public final class SlurmRuntimeProvider implements RuntimeProvider {
  @Override
  public String name() {
    return "slurm";
  }

  @Override
  public AgentRuntime create(Map<String, Object> settings) {
    return new SlurmRuntime(SlurmSettings.from(settings));
  }
}
