package dev.omega.core.flow;

import dev.omega.core.config.ConfigProblem;
import dev.omega.core.config.ConfigValidator;
import dev.omega.core.config.InvalidConfigException;
import dev.omega.core.config.OmegaConfig;
import dev.omega.core.port.ConfigStore;
import dev.omega.core.procedure.ProcedureFailedException;
import java.util.List;

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
    List<ConfigProblem> problems = ConfigValidator.problems(config);
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(problems.stream().map(p -> located(store, p)).toList());
    }
    return config;
  }

  private static ConfigProblem located(ConfigStore store, ConfigProblem problem) {
    return store
        .locate(problem.key())
        .map(
            where ->
                new ConfigProblem(problem.key(), where + ": " + problem.problem(), problem.fix()))
        .orElse(problem);
  }
}
