package dev.omega.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import dev.omega.api.Wire;
import dev.omega.core.flow.InspectFlow;
import dev.omega.core.model.AgentView;
import dev.omega.core.model.AppType;
import dev.omega.core.model.JobView;
import dev.omega.core.model.ProcessInfo;
import dev.omega.core.model.TaskView;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Parameters(commandNames = "inspect", commandDescription = "Show the agent's and the task's status")
final class InspectCommand implements Command {
  /** So that global options may also follow the command: {@code omega stop --yes}. */
  @ParametersDelegate final GlobalOptions global;

  InspectCommand(GlobalOptions global) {
    this.global = global;
  }

  @Parameter(names = "--json", description = "Print JSON with a stable schema")
  boolean json;

  @Parameter(names = "--all", description = "Everything you own on the platform, across projects")
  boolean all;

  @Override
  public int run(Wiring wiring) throws Exception {
    InspectFlow flow = new InspectFlow(wiring.procedures());
    if (all) {
      InspectFlow.Everything everything = flow.everything();
      if (json) {
        wiring.console.print(Wire.JSON.writeValueAsString(everythingView(everything)));
      } else {
        everything
            .agents()
            .forEach(
                a ->
                    wiring.console.print(
                        "agent "
                            + a.id()
                            + " "
                            + a.status()
                            + " "
                            + a.spec().jobType().configName()));
        everything
            .tasks()
            .forEach(
                t ->
                    wiring.console.print(
                        "task  " + t.id() + " " + t.status() + " " + t.spec().schedule()));
      }
      return ExitCode.OK;
    }
    InspectFlow.Project project = flow.project();
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("app_type", appType(project.appType()));
    view.put("agent", project.agent().map(InspectCommand::agent).orElse(null));
    view.put("task", project.task().map(InspectCommand::task).orElse(null));
    if (json) {
      wiring.console.print(Wire.JSON.writeValueAsString(view));
    } else {
      wiring.console.print("application: " + view.get("app_type"));
      wiring.console.print(
          "agent: " + project.agent().map(InspectCommand::describe).orElse("none"));
      wiring.console.print("task:  " + project.task().map(InspectCommand::describe).orElse("none"));
    }
    return ExitCode.OK;
  }

  static String describe(AgentView a) {
    StringBuilder text = new StringBuilder().append(a.id()).append(' ').append(a.status());
    a.process()
        .ifPresent(
            p ->
                text.append(
                    p.isRunning()
                        ? " since " + Human.time(p.startedAt())
                        : " since "
                            + Human.time(p.endedAt().orElse(p.startedAt()))
                            + p.exitCode().map(code -> ", last exit code " + code).orElse("")));
    a.reason().ifPresent(r -> text.append(" (").append(r).append(')'));
    text.append("\n  compute: ")
        .append(a.spec().computeSize())
        .append(", disk ")
        .append(a.spec().diskSizeGb())
        .append(" GB");
    a.endpoint().ifPresent(e -> text.append("\n  endpoint: ").append(e));
    return text.toString();
  }

  static String describe(TaskView t) {
    StringBuilder text =
        new StringBuilder()
            .append(t.id())
            .append(' ')
            .append(t.status())
            .append(" '")
            .append(t.spec().schedule())
            .append("' (UTC)")
            .append("\n  compute: ")
            .append(t.spec().computeSize())
            .append(", disk ")
            .append(t.spec().diskSizeGb())
            .append(" GB");
    List<Instant> runs = NextRuns.of(t, 3);
    text.append("\n  next runs: ")
        .append(runs.isEmpty() ? "none (the task is OFF)" : NextRuns.describe(runs));
    text.append("\n  latest job: ")
        .append(
            t.latestJob()
                .map(
                    j ->
                        j.id()
                            + " "
                            + j.status()
                            + j.startedAt().map(at -> " started " + Human.time(at)).orElse("")
                            + j.exitCode().map(code -> ", exit code " + code).orElse(""))
                .orElse("none yet"));
    return text.toString();
  }

  /** Agents first, then tasks, always in this order. */
  private static Map<String, Object> everythingView(InspectFlow.Everything everything) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("agents", everything.agents().stream().map(InspectCommand::agent).toList());
    view.put("tasks", everything.tasks().stream().map(InspectCommand::task).toList());
    return view;
  }

  /** The names {@code inspect --json} promises (issue 7). */
  static String appType(AppType type) {
    return switch (type) {
      case LAB -> "LAB";
      case API -> "API";
      case API_WITH_SCHEDULED_JOB -> "API_SCHEDULED";
      case ONE_TIME_JOB -> "JOB";
      case SCHEDULED_JOB -> "SCHEDULED_JOB";
    };
  }

  private static Map<String, Object> agent(AgentView a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", a.id().toString());
    m.put("status", a.status().name());
    m.put("endpoint", a.endpoint().orElse(null));
    m.put("exit_code", a.process().flatMap(ProcessInfo::exitCode).orElse(null));
    return m;
  }

  private static Map<String, Object> task(TaskView t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", t.id().toString());
    m.put("status", t.status().name());
    m.put("schedule", t.spec().schedule());
    m.put("next_run", t.nextRunAt().map(Instant::toString).orElse(null));
    m.put("job", t.latestJob().map(InspectCommand::job).orElse(null));
    return m;
  }

  private static Map<String, Object> job(JobView j) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", j.id());
    m.put("status", j.status().name());
    m.put("exit_code", j.exitCode().orElse(null));
    return m;
  }
}
