package dev.omega.core.flow;

import dev.omega.core.config.ConfigValidator;
import dev.omega.core.config.OmegaConfig;
import dev.omega.core.port.ConfigStore;
import dev.omega.core.procedure.ProcedureFailedException;

/** Loads the project's configuration for a flow, which needs one that is valid. */
final class Configs {
  private Configs() {}

  static OmegaConfig loadValid(ConfigStore store) {
    OmegaConfig config =
        store
            .load()
            .orElseThrow(
                () ->
                    new ProcedureFailedException(
                        "this project has no .omega/config.yaml yet. Create one with omega config"
                            + " --job-type lab|api|job ..."));
    ConfigValidator.requireValid(config);
    return config;
  }
}
