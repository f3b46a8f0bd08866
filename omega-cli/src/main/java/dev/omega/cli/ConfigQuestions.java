package dev.omega.cli;

import dev.omega.api.Dtos;
import dev.omega.core.config.OmegaConfig;
import dev.omega.core.cron.CronSchedule;
import dev.omega.core.model.JobType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code omega config} on a terminal with no flags: asks for each value in turn, the current one as
 * the default, offering the platform's compute sizes and storages. A value that cannot be right (an
 * unknown job type or size, an invalid cron) is asked for again at once, with the reason.
 */
final class ConfigQuestions {
  /** Reads one answer; empty input means the default. */
  interface Terminal {
    /**
     * @return the answer, or null at the end of input
     */
    String ask(String prompt);

    void tell(String line);
  }

  private final Terminal terminal;
  private final Optional<Dtos.Catalog> catalog;

  ConfigQuestions(Terminal terminal, Optional<Dtos.Catalog> catalog) {
    this.terminal = terminal;
    this.catalog = catalog;
  }

  OmegaConfig ask(OmegaConfig current) {
    OmegaConfig.Builder next = current.toBuilder();
    JobType type =
        ask(
            "Job type (lab, api or job)",
            Optional.ofNullable(current.jobType()).map(JobType::configName).orElse("job"),
            text ->
                JobType.parse(text)
                    .orElseThrow(() -> new IllegalArgumentException("lab, api or job, please")));
    next.jobType(type);
    if (type != JobType.LAB) {
      next.command(
          ask("Command to run", Optional.ofNullable(current.command()).orElse(""), this::required));
      String schedule =
          ask(
              "Cron schedule (5 fields, e.g. 0 * * * *; '-' for none)",
              Optional.ofNullable(current.jobSchedule()).orElse("-"),
              text -> {
                if (!text.equals("-")) {
                  CronSchedule.parse(text);
                }
                return text;
              });
      next.jobSchedule(schedule.equals("-") ? null : schedule);
      if (type == JobType.API && !schedule.equals("-")) {
        next.jobCommand(
            ask(
                "Command of the scheduled job",
                Optional.ofNullable(current.jobCommand()).orElse(""),
                this::required));
      }
    } else {
      next.jobSchedule(null);
    }
    next.computeSize(askComputeSize(current));
    next.diskSize(
        ask(
            "Disk size in GB",
            String.valueOf(
                Optional.ofNullable(current.diskSize()).orElse(ConfigCommand.DEFAULT_DISK_SIZE_GB)),
            ConfigQuestions::positive));
    List<String> offered = catalog.map(Dtos.Catalog::storages).orElse(List.of());
    if (!offered.isEmpty()) {
      String storage =
          ask(
              "Storages to attach, comma-separated (offered: "
                  + String.join(", ", offered)
                  + "; '-' for none)",
              current.storage().isEmpty() ? "-" : String.join(",", current.storage()),
              text -> storages(text, offered));
      next.storage(storage.equals("-") ? List.of() : Arrays.asList(storage.split(",")));
    }
    terminal.tell("  (the environment is set with --env KEY=VALUE or --env-file PATH)");
    return next.build();
  }

  private String askComputeSize(OmegaConfig current) {
    List<Dtos.ComputeSize> sizes = catalog.map(Dtos.Catalog::computeSizes).orElse(List.of());
    if (sizes.isEmpty()) {
      return ask(
          "Compute size",
          Optional.ofNullable(current.computeSize()).orElse(ConfigCommand.DEFAULT_COMPUTE_SIZE),
          this::required);
    }
    terminal.tell("  Compute sizes the platform offers:");
    for (int i = 0; i < sizes.size(); i++) {
      Dtos.ComputeSize size = sizes.get(i);
      terminal.tell(
          "    "
              + (i + 1)
              + ") "
              + size.code()
              + ": "
              + size.cpus()
              + " CPU, "
              + size.memoryMb()
              + " MiB");
    }
    return ask(
        "Compute size (number or code)",
        Optional.ofNullable(current.computeSize()).orElse(sizes.getFirst().code()),
        text -> {
          for (int i = 0; i < sizes.size(); i++) {
            if (text.equals(String.valueOf(i + 1)) || text.equals(sizes.get(i).code())) {
              return sizes.get(i).code();
            }
          }
          throw new IllegalArgumentException(
              "not offered; pick one of " + sizes.stream().map(Dtos.ComputeSize::code).toList());
        });
  }

  /** Parses or refuses an answer. */
  private interface Answer<T> {
    T parse(String text);
  }

  private <T> T ask(String question, String fallback, Answer<T> answer) {
    while (true) {
      String line =
          terminal.ask(question + (fallback.isEmpty() ? "" : " [" + fallback + "]") + ": ");
      if (line == null) {
        throw new IllegalArgumentException("no answer to '" + question + "': nothing was saved");
      }
      String text = line.strip().isEmpty() ? fallback : line.strip();
      try {
        return answer.parse(text);
      } catch (IllegalArgumentException wrong) {
        terminal.tell("  ✗ " + wrong.getMessage());
      }
    }
  }

  private String required(String text) {
    if (text.isBlank()) {
      throw new IllegalArgumentException("a value is needed here");
    }
    return text;
  }

  private static int positive(String text) {
    try {
      int value = Integer.parseInt(text);
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException notANumber) {
      // Said below.
    }
    throw new IllegalArgumentException("a whole number of GB, 1 or more, please");
  }

  private static String storages(String text, List<String> offered) {
    if (text.equals("-")) {
      return text;
    }
    List<String> unknown = new ArrayList<>();
    for (String name : text.split(",")) {
      if (!offered.contains(name.strip())) {
        unknown.add(name.strip());
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("not offered: " + unknown + "; pick from " + offered);
    }
    return text.replace(" ", "");
  }
}
