package dev.omega.core.port;

import static java.util.Objects.requireNonNull;

/** Everything the flows need from outside the core, assembled once by the CLI or a test. */
public record Ports(
    AgentApi agents,
    TaskApi tasks,
    ConfigStore config,
    Workspace workspace,
    Prompter prompter,
    Console console,
    Clock clock) {
  public Ports {
    requireNonNull(agents, "agents");
    requireNonNull(tasks, "tasks");
    requireNonNull(config, "config");
    requireNonNull(workspace, "workspace");
    requireNonNull(prompter, "prompter");
    requireNonNull(console, "console");
    requireNonNull(clock, "clock");
  }
}
