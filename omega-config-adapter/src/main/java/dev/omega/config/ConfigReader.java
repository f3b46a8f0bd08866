package dev.omega.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.omega.core.config.ConfigProblem;
import dev.omega.core.config.EnvType;
import dev.omega.core.config.InvalidConfigException;
import dev.omega.core.config.OmegaConfig;
import dev.omega.core.model.AgentId;
import dev.omega.core.model.JobType;
import dev.omega.core.model.TaskId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the text of {@code .omega/config.yaml} into an {@link OmegaConfig}, reporting every problem
 * of form at once, each with its line and column: not YAML, unknown keys (with the likely intended
 * one), values of the wrong type, a job_type or env_type that names nothing.
 */
final class ConfigReader {
  /** The configuration read, with where each key was written. */
  record Read(OmegaConfig config, Map<String, JsonLocation> locations) {}

  private static final YAMLMapper YAML = new YAMLMapper();

  private final String fileName;
  private final List<ConfigProblem> problems = new ArrayList<>();
  private final Map<String, JsonLocation> locations = new HashMap<>();

  private ConfigReader(String fileName) {
    this.fileName = fileName;
  }

  static Read read(String text, String fileName) {
    return new ConfigReader(fileName).read(text);
  }

  private Read read(String text) {
    Map<String, JsonNode> values = new LinkedHashMap<>();
    try (JsonParser parser = YAML.createParser(text)) {
      refuseAliases(text);
      JsonToken first = parser.nextToken();
      if (first != null && first != JsonToken.START_OBJECT) {
        throw problem(
            "(file)",
            parser.currentTokenLocation(),
            "is not a mapping of keys to values",
            "write one key: value per line, e.g. job_type: lab");
      }
      while (first != null && parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        JsonLocation at = parser.currentTokenLocation();
        parser.nextToken();
        JsonNode value = parser.readValueAsTree();
        if (!ConfigKeys.ALL.contains(key)) {
          add(
              key,
              at,
              "is not a configuration key",
              ConfigKeys.nearest(key)
                  .map(k -> "did you mean " + k + "?")
                  .orElse("remove it; the keys are " + String.join(", ", ConfigKeys.ALL)));
          continue;
        }
        JsonLocation earlier = locations.putIfAbsent(key, at);
        if (earlier != null) {
          add(
              key,
              at,
              "is written a second time (first at line " + earlier.getLineNr() + ")",
              "keep one " + key + " line and delete the other");
          continue;
        }
        values.put(key, value);
      }
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new InvalidConfigException(
          List.of(
              new ConfigProblem(
                  "(file)",
                  where(at) + ": is not valid YAML: " + e.getOriginalMessage(),
                  "fix the file by hand, or delete it and run omega config again")));
    } catch (IOException e) {
      throw new InvalidConfigException(
          List.of(
              new ConfigProblem(
                  "(file)",
                  fileName + " cannot be read: " + e.getMessage(),
                  "check the file's permissions")));
    }
    OmegaConfig config = build(values);
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(problems);
    }
    return new Read(config, Map.copyOf(locations));
  }

  /**
   * Refuses YAML aliases ({@code *name}): Jackson would read one as the anchor's name, not its
   * value, and a nest of them is the "billion laughs" bomb. The configuration needs none.
   */
  private void refuseAliases(String text) throws IOException {
    try (YAMLParser parser = (YAMLParser) YAML.createParser(text)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (parser.isCurrentAlias()) {
          throw problem(
              "(file)",
              parser.currentTokenLocation(),
              "uses the YAML alias *" + parser.getText() + ", which Omega does not expand",
              "write each value out in full, without anchors (&name) or aliases (*name)");
        }
      }
    }
  }

  private OmegaConfig build(Map<String, JsonNode> v) {
    return new OmegaConfig(
        uuid(v, "agent_id").map(AgentId::new).orElse(null),
        uuid(v, "task_id").map(TaskId::new).orElse(null),
        text(v, "job_type")
            .map(t -> parsed(JobType.parse(t), "job_type", t, "lab, api or job"))
            .orElse(null),
        text(v, "job_schedule").orElse(null),
        text(v, "compute_size").orElse(null),
        integer(v, "disk_size").orElse(null),
        list(v, "storage"),
        text(v, "env_type")
            .map(t -> parsed(EnvType.parse(t), "env_type", t, "values or file"))
            .orElse(null),
        text(v, "env_file").orElse(null),
        map(v, "env_values"),
        text(v, "apikey").orElse(null),
        text(v, "server").orElse(null),
        text(v, "command").orElse(null),
        text(v, "job_command").orElse(null),
        uuid(v, "run_id").map(java.util.UUID::toString).orElse(null));
  }

  private Optional<String> text(Map<String, JsonNode> v, String key) {
    JsonNode node = v.get(key);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isValueNode()) {
      add(
          key,
          locations.get(key),
          "must be a single value, not a " + kind(node),
          "write it as key: value");
      return Optional.empty();
    }
    return Optional.of(node.asText());
  }

  private Optional<Integer> integer(Map<String, JsonNode> v, String key) {
    JsonNode node = v.get(key);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (node.canConvertToInt() && node.isIntegralNumber()) {
      return Optional.of(node.intValue());
    }
    add(
        key,
        locations.get(key),
        "must be a whole number, was " + describe(node),
        "write it as e.g. " + key + ": 10");
    return Optional.empty();
  }

  private <T> T parsed(Optional<T> value, String key, String text, String allowed) {
    if (value.isEmpty()) {
      add(
          key,
          locations.get(key),
          "'" + text + "' is not one of " + allowed,
          "set " + key + " to " + allowed);
    }
    return value.orElse(null);
  }

  private Optional<java.util.UUID> uuid(Map<String, JsonNode> v, String key) {
    return text(v, key)
        .flatMap(
            t -> {
              try {
                return Optional.of(java.util.UUID.fromString(t));
              } catch (IllegalArgumentException e) {
                add(
                    key,
                    locations.get(key),
                    "'" + t + "' is not a UUID",
                    "remove " + key + "; omega run records the id it creates");
                return Optional.empty();
              }
            });
  }

  private List<String> list(Map<String, JsonNode> v, String key) {
    JsonNode node = v.get(key);
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      add(
          key,
          locations.get(key),
          "must be a list, was " + describe(node),
          "write it as " + key + ": [name1, name2], or " + key + ": [] for none");
      return List.of();
    }
    List<String> items = new ArrayList<>();
    for (JsonNode item : node) {
      if (item.isValueNode() && !item.isNull()) {
        items.add(item.asText());
      } else {
        add(
            key,
            locations.get(key),
            "holds a " + kind(item) + " where a name belongs",
            "list names only");
      }
    }
    return items;
  }

  private Map<String, String> map(Map<String, JsonNode> v, String key) {
    JsonNode node = v.get(key);
    if (node == null || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      add(
          key,
          locations.get(key),
          "must be a mapping of names to values, was " + describe(node),
          "write one NAME: value per line under " + key + ":");
      return Map.of();
    }
    Map<String, String> values = new LinkedHashMap<>();
    node.properties()
        .forEach(
            e -> {
              if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                values.put(e.getKey(), e.getValue().asText());
              } else {
                add(
                    key,
                    locations.get(key),
                    "'" + e.getKey() + "' has a " + kind(e.getValue()) + " value",
                    "give each variable a single value");
              }
            });
    return values;
  }

  private static String kind(JsonNode node) {
    return node.isArray()
        ? "list"
        : node.isObject() ? "mapping" : node.isNull() ? "empty value" : "value";
  }

  private static String describe(JsonNode node) {
    return node.isValueNode() ? "'" + node.asText() + "'" : "a " + kind(node);
  }

  private void add(String key, JsonLocation at, String problem, String fix) {
    problems.add(new ConfigProblem(key, where(at) + ": " + key + " " + problem, fix));
  }

  private InvalidConfigException problem(String key, JsonLocation at, String problem, String fix) {
    return new InvalidConfigException(
        List.of(new ConfigProblem(key, where(at) + ": the file " + problem, fix)));
  }

  String where(JsonLocation at) {
    return at == null
        ? fileName
        : fileName + " line " + at.getLineNr() + ", column " + at.getColumnNr();
  }

  static String where(String fileName, JsonLocation at) {
    return new ConfigReader(fileName).where(at);
  }
}
