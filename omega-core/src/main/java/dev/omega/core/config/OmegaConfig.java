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
 * API with a scheduled job runs) and {@code runId} (the id of the one-time job run under way:
 * recorded before the start is asked for, so that a rerun finishes that run instead of starting
 * another). {@link #toString()} never shows the apikey.
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
    String jobCommand,
    String runId) {

  public OmegaConfig {
    storage = storage == null ? List.of() : List.copyOf(storage);
    envValues = envValues == null ? Map.of() : Map.copyOf(envValues);
  }

  /** A configuration with no key set. */
  public static OmegaConfig empty() {
    return new OmegaConfig(
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
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
    return toBuilder().agentId(id).build();
  }

  public OmegaConfig withTaskId(TaskId id) {
    return toBuilder().taskId(id).build();
  }

  public OmegaConfig withRunId(String id) {
    return toBuilder().runId(id).build();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Changes some keys of a configuration, as {@code omega config} does. */
  public static final class Builder {
    private String runId;
    private AgentId agentId;
    private TaskId taskId;
    private JobType jobType;
    private String jobSchedule;
    private String computeSize;
    private Integer diskSize;
    private List<String> storage;
    private EnvType envType;
    private String envFile;
    private Map<String, String> envValues;
    private String apikey;
    private String server;
    private String command;
    private String jobCommand;

    private Builder(OmegaConfig c) {
      runId = c.runId;
      agentId = c.agentId;
      taskId = c.taskId;
      jobType = c.jobType;
      jobSchedule = c.jobSchedule;
      computeSize = c.computeSize;
      diskSize = c.diskSize;
      storage = c.storage;
      envType = c.envType;
      envFile = c.envFile;
      envValues = c.envValues;
      apikey = c.apikey;
      server = c.server;
      command = c.command;
      jobCommand = c.jobCommand;
    }

    public Builder agentId(AgentId value) {
      agentId = value;
      return this;
    }

    public Builder taskId(TaskId value) {
      taskId = value;
      return this;
    }

    public Builder jobType(JobType value) {
      jobType = value;
      return this;
    }

    public Builder jobSchedule(String value) {
      jobSchedule = value;
      return this;
    }

    public Builder computeSize(String value) {
      computeSize = value;
      return this;
    }

    public Builder diskSize(Integer value) {
      diskSize = value;
      return this;
    }

    public Builder storage(List<String> value) {
      storage = value;
      return this;
    }

    public Builder envType(EnvType value) {
      envType = value;
      return this;
    }

    public Builder envFile(String value) {
      envFile = value;
      return this;
    }

    public Builder envValues(Map<String, String> value) {
      envValues = value;
      return this;
    }

    public Builder apikey(String value) {
      apikey = value;
      return this;
    }

    public Builder server(String value) {
      server = value;
      return this;
    }

    public Builder command(String value) {
      command = value;
      return this;
    }

    public Builder jobCommand(String value) {
      jobCommand = value;
      return this;
    }

    public Builder runId(String value) {
      runId = value;
      return this;
    }

    public OmegaConfig build() {
      return new OmegaConfig(
          agentId,
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
          jobCommand,
          runId);
    }
  }

  @Override
  public String toString() {
    return "OmegaConfig[agent_id=%s, task_id=%s, job_type=%s, job_schedule=%s, compute_size=%s, disk_size=%s, storage=%s, env_type=%s, env_file=%s, env_values=%s, apikey=%s, server=%s, command=%s, job_command=%s, run_id=%s]"
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
            jobCommand,
            runId);
  }
}
