package dev.omega.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.omega.core.config.OmegaConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Writes an {@link OmegaConfig} as YAML: set keys only, in {@link ConfigKeys#ALL}'s order. */
final class ConfigWriter {
  private static final YAMLMapper YAML =
      YAMLMapper.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
          .build();

  private ConfigWriter() {}

  static String write(OmegaConfig c) {
    Map<String, Object> values = new LinkedHashMap<>();
    put(values, "job_type", c.jobType() == null ? null : c.jobType().configName());
    put(values, "job_schedule", c.jobSchedule());
    put(values, "command", c.command());
    put(values, "job_command", c.jobCommand());
    put(values, "compute_size", c.computeSize());
    put(values, "disk_size", c.diskSize());
    values.put("storage", c.storage());
    put(values, "env_type", c.envType() == null ? null : c.envType().configName());
    put(values, "env_file", c.envFile());
    if (!c.envValues().isEmpty()) {
      values.put("env_values", new TreeMap<>(c.envValues()));
    }
    put(values, "server", c.server());
    put(values, "apikey", c.apikey());
    put(values, "agent_id", c.agentId() == null ? null : c.agentId().toString());
    put(values, "task_id", c.taskId() == null ? null : c.taskId().toString());
    put(values, "run_id", c.runId());
    try {
      return "# Written by omega config; change it with omega config rather than by hand.\n"
          + YAML.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a configuration always serialises", e);
    }
  }

  private static void put(Map<String, Object> values, String key, Object value) {
    if (value != null) {
      values.put(key, value);
    }
  }
}
