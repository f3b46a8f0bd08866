package dev.omega.config;

import dev.omega.core.config.ConfigProblem;
import dev.omega.core.config.InvalidConfigException;
import dev.omega.core.config.OmegaConfig;
import dev.omega.core.port.ConfigStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code .omega/config.yaml} in the project directory (spec 5). The folder is created with a {@code
 * .gitignore} that keeps it out of git, since the file may hold the apikey; the file is replaced
 * atomically with mode 0600. A file that cannot be read is reported and never overwritten. This
 * class is threadsafe.
 */
final class YamlConfigStore implements ConfigStore {
  static final String FOLDER = ".omega";
  static final String FILE = FOLDER + "/config.yaml";

  private final Path project;
  private final AtomicFiles.BeforeRename beforeRename;

  YamlConfigStore(Path project, AtomicFiles.BeforeRename beforeRename) {
    this.project = project;
    this.beforeRename = beforeRename;
  }

  @Override
  public synchronized Optional<OmegaConfig> load() {
    return readText().map(text -> ConfigReader.read(text, FILE).config());
  }

  @Override
  public synchronized Optional<String> locate(String key) {
    try {
      return readText()
          .map(text -> ConfigReader.read(text, FILE).locations().get(key))
          .map(at -> ConfigReader.where(FILE, at));
    } catch (InvalidConfigException unreadable) {
      return Optional.empty();
    }
  }

  @Override
  public synchronized void save(OmegaConfig config) {
    // Refuses (by throwing) to replace a file it cannot read: the user may still want what is in
    // it.
    load();
    Path folder = project.resolve(FOLDER);
    try {
      Files.createDirectories(folder);
      Path gitignore = folder.resolve(".gitignore");
      if (!Files.exists(gitignore)) {
        AtomicFiles.write(
            gitignore,
            "# Omega's local state, including the apikey: never commit it.\n*\n"
                .getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + folder + ": " + e.getMessage(), e);
    }
    AtomicFiles.write(
        project.resolve(FILE),
        ConfigWriter.write(config).getBytes(StandardCharsets.UTF_8),
        beforeRename);
  }

  @Override
  public Map<String, String> environment(OmegaConfig config) {
    Map<String, String> env = new HashMap<>(config.envValues());
    if (config.envFile() != null) {
      Path file = project.resolve(config.envFile());
      try {
        env.putAll(DotEnv.parse(Files.readString(file, StandardCharsets.UTF_8), config.envFile()));
      } catch (NoSuchFileException e) {
        throw envFileProblem(
            "the env file " + config.envFile() + " does not exist in " + project,
            "create it, or point env_file at your env file");
      } catch (java.nio.charset.CharacterCodingException e) {
        throw envFileProblem(
            "the env file " + config.envFile() + " is not UTF-8 text",
            "save it as UTF-8 (e.g. iconv -t UTF-8), or point env_file at your env file");
      } catch (IOException e) {
        if (Files.isDirectory(file)) {
          throw envFileProblem(
              "the env file " + config.envFile() + " is a folder, not a file",
              "point env_file at a dotenv file (KEY=VALUE lines), e.g. .env");
        }
        throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
      }
    }
    return Map.copyOf(env);
  }

  private static InvalidConfigException envFileProblem(String problem, String fix) {
    return new InvalidConfigException(List.of(new ConfigProblem("env_file", problem, fix)));
  }

  private Optional<String> readText() {
    try {
      return Optional.of(Files.readString(project.resolve(FILE), StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new InvalidConfigException(
          List.of(
              new ConfigProblem(
                  "(file)",
                  FILE + " is not UTF-8 text",
                  "fix the file by hand (save it as UTF-8), or delete it and run omega config"
                      + " again")));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read " + project.resolve(FILE) + ": " + e.getMessage(), e);
    }
  }
}
