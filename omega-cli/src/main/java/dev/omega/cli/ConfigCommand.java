package dev.omega.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import dev.omega.api.Dtos;
import dev.omega.core.config.EnvType;
import dev.omega.core.config.OmegaConfig;
import dev.omega.core.flow.ConfigFlow;
import dev.omega.core.model.JobType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

@Parameters(
    commandNames = "config",
    commandDescription = "Set the project's configuration (spec 5)")
final class ConfigCommand implements Command {
  /** So that global options may also follow the command: {@code omega stop --yes}. */
  @ParametersDelegate final GlobalOptions global;

  ConfigCommand(GlobalOptions global) {
    this.global = global;
  }

  /**
   * Used when a first configuration names no compute size and the platform's catalog cannot be
   * read; otherwise the catalog's first (smallest) size is.
   */
  static final String DEFAULT_COMPUTE_SIZE = "cpu-1";

  static final int DEFAULT_DISK_SIZE_GB = 10;

  @Parameter(names = "--job-type", description = "lab, api or job")
  String jobType;

  @Parameter(
      names = "--schedule",
      description = "A cron schedule for a job or an API's job; '' clears it")
  String schedule;

  @Parameter(names = "--compute-size", description = "A compute size the platform offers")
  String computeSize;

  @Parameter(names = "--disk-size", description = "Disk size in GB")
  Integer diskSize;

  @Parameter(names = "--storage", description = "A shared storage to attach (repeatable)")
  List<String> storage = new ArrayList<>();

  @Parameter(names = "--no-storage", description = "Attach no shared storage")
  boolean noStorage;

  @Parameter(
      names = "--env",
      description = "KEY=VALUE for the application's environment (repeatable)")
  List<String> env = new ArrayList<>();

  @Parameter(names = "--env-file", description = "A dotenv file whose values the application gets")
  String envFile;

  @Parameter(names = "--command", description = "What an API or a job runs")
  String command;

  @Parameter(names = "--job-command", description = "What the scheduled job of an API runs")
  String jobCommand;

  @Parameter(names = "--server", description = "The platform's URL (default: the local platform)")
  String server;

  @Parameter(names = "--show", description = "Print the configuration")
  boolean show;

  @Override
  public int run(Wiring wiring) throws Exception {
    if (show) {
      wiring.console.print(describe(wiring.config()));
      return ExitCode.OK;
    }
    OmegaConfig current = wiring.config();
    boolean ask = noFlags() && TerminalPrompter.isTerminal(System.console());
    Optional<Dtos.Catalog> catalog =
        ask || computeSize != null || !storage.isEmpty() || current.computeSize() == null
            ? wiring.catalog(server != null ? blankToNull(server) : current.server())
            : Optional.empty();
    UnaryOperator<OmegaConfig> change =
        ask
            ? c -> new ConfigQuestions(new ConsoleTerminal(wiring.console), catalog).ask(c)
            : c -> change(c, catalog);
    OmegaConfig saved = new ConfigFlow(wiring.procedures()).apply(change);
    wiring.console.say("• Saved .omega/config.yaml");
    wiring.console.print(describe(saved));
    return ExitCode.OK;
  }

  private boolean noFlags() {
    return jobType == null
        && schedule == null
        && computeSize == null
        && diskSize == null
        && storage.isEmpty()
        && !noStorage
        && env.isEmpty()
        && envFile == null
        && command == null
        && jobCommand == null
        && server == null;
  }

  private static String blankToNull(String text) {
    return text.isBlank() ? null : text;
  }

  /** The questions asked on the process's terminal. */
  private record ConsoleTerminal(TerminalConsole console) implements ConfigQuestions.Terminal {
    @Override
    public String ask(String prompt) {
      return System.console().readLine("? %s", prompt);
    }

    @Override
    public void tell(String line) {
      console.say(line);
    }
  }

  private OmegaConfig change(OmegaConfig current, Optional<Dtos.Catalog> catalog) {
    OmegaConfig.Builder next = current.toBuilder();
    if (jobType != null) {
      next.jobType(
          JobType.parse(jobType)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "--job-type must be lab, api or job, not '" + jobType + "'")));
    }
    if (schedule != null) {
      next.jobSchedule(schedule.isBlank() ? null : schedule);
    }
    catalog.ifPresent(offered -> requireOffered(offered));
    if (computeSize != null) {
      next.computeSize(computeSize);
    } else if (current.computeSize() == null) {
      next.computeSize(
          catalog
              .flatMap(c -> c.computeSizes().stream().findFirst())
              .map(Dtos.ComputeSize::code)
              .orElse(DEFAULT_COMPUTE_SIZE));
    }
    if (diskSize != null) {
      next.diskSize(diskSize);
    } else if (current.diskSize() == null) {
      next.diskSize(DEFAULT_DISK_SIZE_GB);
    }
    if (noStorage) {
      next.storage(List.of());
    } else if (!storage.isEmpty()) {
      next.storage(storage);
    }
    if (!env.isEmpty()) {
      Map<String, String> values = new LinkedHashMap<>(current.envValues());
      for (String pair : env) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("--env takes KEY=VALUE, not '" + pair + "'");
        }
        values.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
      next.envValues(values);
      if (current.envType() == null) {
        next.envType(EnvType.VALUES);
      }
    }
    if (envFile != null) {
      next.envFile(envFile).envType(EnvType.FILE);
    }
    if (command != null) {
      next.command(command);
    }
    if (jobCommand != null) {
      next.jobCommand(jobCommand);
    }
    if (server != null) {
      next.server(server.isBlank() ? null : server);
    }
    return next.build();
  }

  private void requireOffered(Dtos.Catalog catalog) {
    List<String> sizes = catalog.computeSizes().stream().map(Dtos.ComputeSize::code).toList();
    if (computeSize != null && !sizes.contains(computeSize)) {
      throw new IllegalArgumentException(
          "--compute-size "
              + computeSize
              + " is not offered by the platform; pick one of "
              + sizes
              + " (nothing was saved)");
    }
    List<String> unknown = storage.stream().filter(s -> !catalog.storages().contains(s)).toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "--storage "
              + String.join(", ", unknown)
              + " is not offered by the platform; it offers "
              + (catalog.storages().isEmpty() ? "none" : catalog.storages())
              + " (nothing was saved)");
    }
  }

  static String describe(OmegaConfig c) {
    List<String> lines = new ArrayList<>();
    add(lines, "job_type", c.jobType() == null ? null : c.jobType().configName());
    add(lines, "job_schedule", c.jobSchedule());
    add(lines, "command", c.command());
    add(lines, "job_command", c.jobCommand());
    add(lines, "compute_size", c.computeSize());
    add(lines, "disk_size", c.diskSize());
    add(lines, "storage", c.storage().isEmpty() ? null : c.storage());
    add(lines, "env_type", c.envType() == null ? null : c.envType().configName());
    add(lines, "env_file", c.envFile());
    add(
        lines,
        "env_values",
        c.envValues().isEmpty() ? null : c.envValues().keySet() + " (values hidden)");
    add(lines, "server", c.server());
    add(lines, "apikey", c.apikey() == null ? null : "(set, hidden)");
    add(lines, "agent_id", c.agentId());
    add(lines, "task_id", c.taskId());
    return lines.isEmpty()
        ? "(no configuration yet: omega config --job-type lab|api|job ...)"
        : String.join("\n", lines);
  }

  private static void add(List<String> lines, String key, Object value) {
    if (value != null) {
      lines.add(key + ": " + value);
    }
  }
}
