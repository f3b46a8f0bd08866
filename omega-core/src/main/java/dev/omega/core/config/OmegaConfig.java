package dev.omega.core.config;

import dev.omega.core.model.AgentId;
import dev.omega.core.model.AppType;
import dev.omega.core.model.JobType;
import dev.omega.core.model.TaskId;
import java.util.List;
import java.util.Map;

/**
 * The project's {@code .omega/config.yaml} (spec 5.1.1), as read: a component is {@code null} when
 * its key is absent, except {@code storage} and {@code envValues}, which are then empty. Check it
 * with {@link ConfigValidator} before use.
 *
 * <p>Beyond the spec's keys: {@code server} (the platform's URL; absent means the local platform),
 * {@code command} (what an API or a job runs) and {@code jobCommand} (what the scheduled job of an
 * API with a scheduled job runs). {@link #toString()} never shows the apikey.
 */
public record OmegaConfig(
    AgentId agentId,
    TaskId taskId,
    JobType jobType,
    String jobSchedule,
    String computeSize,
    Integer diskSize,
    List<String> storage,
    EnvType envType,
    String envFile,
    Map<String, String> envValues,
    String apikey,
    String server,
    String command,
    String jobCommand) {

  public OmegaConfig {
    storage = storage == null ? List.of() : List.copyOf(storage);
    envValues = envValues == null ? Map.of() : Map.copyOf(envValues);
  }

  /** A configuration with no key set. */
  public static OmegaConfig empty() {
    return new OmegaConfig(
        null, null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** Whether a non-blank schedule is set. */
  public boolean isScheduled() {
    return jobSchedule != null && !jobSchedule.isBlank();
  }

  /**
   * The application type (spec 1.3).
   *
   * @throws InvalidConfigException when the configuration does not say it
   */
  public AppType appType() {
    ConfigValidator.requireValid(this);
    return AppType.of(jobType, jobSchedule);
  }

  public OmegaConfig withAgentId(AgentId id) {
    return new OmegaConfig(
        id,
        taskId,
        jobType,
        jobSchedule,
        computeSize,
        diskSize,
        storage,
        envType,
        envFile,
        envValues,
        apikey,
        server,
        command,
        jobCommand);
  }

  public OmegaConfig withTaskId(TaskId id) {
    return new OmegaConfig(
        agentId,
        id,
        jobType,
        jobSchedule,
        computeSize,
        diskSize,
        storage,
        envType,
        envFile,
        envValues,
        apikey,
        server,
        command,
        jobCommand);
  }

  @Override
  public String toString() {
    return "OmegaConfig[agent_id=%s, task_id=%s, job_type=%s, job_schedule=%s, compute_size=%s, disk_size=%s, storage=%s, env_type=%s, env_file=%s, env_values=%s, apikey=%s, server=%s, command=%s, job_command=%s]"
        .formatted(
            agentId,
            taskId,
            jobType,
            jobSchedule,
            computeSize,
            diskSize,
            storage,
            envType,
            envFile,
            envValues.keySet(),
            apikey == null ? null : "(hidden)",
            server,
            command,
            jobCommand);
  }
}
