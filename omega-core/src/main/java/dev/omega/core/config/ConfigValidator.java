package dev.omega.core.config;

import dev.omega.core.cron.CronSchedule;
import dev.omega.core.cron.InvalidCronException;
import dev.omega.core.model.JobType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/** Checks a configuration against the requirements of its application type (spec 5.1.2). */
public final class ConfigValidator {
  private ConfigValidator() {}

  /** Every problem of the configuration at once; empty when it is valid. */
  public static List<ConfigProblem> problems(OmegaConfig config) {
    List<ConfigProblem> problems = new ArrayList<>();
    JobType jobType = config.jobType();
    if (jobType == null) {
      problems.add(
          new ConfigProblem(
              "job_type", "is missing", "set job_type to lab, api or job (omega config)"));
    }
    if (config.isScheduled()) {
      if (jobType == JobType.LAB) {
        problems.add(
            new ConfigProblem(
                "job_schedule",
                "a Lab has no schedule",
                "remove job_schedule, or use job_type job or api for a scheduled job"));
      }
      try {
        CronSchedule.parse(config.jobSchedule());
      } catch (InvalidCronException e) {
        problems.add(
            new ConfigProblem(
                "job_schedule",
                e.getMessage(),
                "write five fields (minute hour day-of-month month day-of-week), e.g. '0 3 * * *',"
                    + " or a macro such as @daily"));
      }
    }
    if (isBlank(config.computeSize())) {
      problems.add(
          new ConfigProblem(
              "compute_size", "is missing", "set compute_size to a code the platform offers"));
    }
    if (config.diskSize() == null) {
      problems.add(new ConfigProblem("disk_size", "is missing", "set disk_size in GB, e.g. 10"));
    } else if (config.diskSize() <= 0) {
      problems.add(
          new ConfigProblem(
              "disk_size",
              "must be a positive number of GB, was " + config.diskSize(),
              "set disk_size in GB, e.g. 10"));
    }
    for (String name : config.storage()) {
      if (isBlank(name)) {
        problems.add(
            new ConfigProblem("storage", "has an empty name", "remove it or name the storage"));
      }
    }
    if ((jobType == JobType.API || jobType == JobType.JOB) && isBlank(config.command())) {
      problems.add(
          new ConfigProblem(
              "command",
              "is missing: an " + jobType.configName() + " needs a command to run",
              "set command, e.g. 'python main.py'"));
    }
    if (jobType == JobType.API && config.isScheduled() && isBlank(config.jobCommand())) {
      problems.add(
          new ConfigProblem(
              "job_command",
              "is missing: an API with a schedule needs the command its scheduled job runs",
              "set job_command, e.g. 'python nightly.py', or remove job_schedule"));
    }
    if (config.envType() == EnvType.FILE && isBlank(config.envFile())) {
      problems.add(
          new ConfigProblem("env_file", "is missing for env_type file", "set env_file, e.g. .env"));
    }
    if (config.envType() == null && (config.envFile() != null || !config.envValues().isEmpty())) {
      problems.add(
          new ConfigProblem(
              "env_type",
              "is missing while env_file or env_values is set",
              "set env_type to file or values"));
    }
    if (config.server() != null && !isHttpUrl(config.server())) {
      problems.add(
          new ConfigProblem(
              "server",
              "'" + config.server() + "' is not an http(s) URL",
              "set server to the platform's URL, e.g. https://omega.example.com, or remove it"
                  + " to use the local platform"));
    }
    return List.copyOf(problems);
  }

  /**
   * @throws InvalidConfigException listing every problem, when there is one
   */
  public static void requireValid(OmegaConfig config) {
    List<ConfigProblem> problems = problems(config);
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(problems);
    }
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }

  private static boolean isHttpUrl(String text) {
    try {
      URI uri = new URI(text);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
