package dev.omega.core.config;

import java.util.Locale;
import java.util.Optional;

/** Where the application's environment variables come from (spec 5.1.1.3). */
public enum EnvType {
  /** From {@code env_values} in the configuration. */
  VALUES,
  /** From the file named by {@code env_file}, such as {@code .env}. */
  FILE;

  public static Optional<EnvType> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "values" -> Optional.of(VALUES);
      case "file" -> Optional.of(FILE);
      default -> Optional.empty();
    };
  }

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
