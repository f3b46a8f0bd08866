package dev.omega.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import dev.omega.core.flow.RunFlow;
import dev.omega.core.model.AgentView;
import dev.omega.core.model.AppType;
import dev.omega.core.model.ProcessInfo;

@Parameters(commandNames = "run", commandDescription = "Start the application (spec 4.2.1)")
final class RunCommand implements Command {
  /** So that global options may also follow the command: {@code omega stop --yes}. */
  @ParametersDelegate final GlobalOptions global;

  RunCommand(GlobalOptions global) {
    this.global = global;
  }

  @Parameter(
      names = "--detach",
      description = "Return once the process runs, without streaming its logs")
  boolean detach;

  @Override
  public int run(Wiring wiring) throws Exception {
    // Refused input changes nothing: the platform is checked before the flow records an id.
    wiring.checkAccess();
    RunFlow.Outcome outcome = new RunFlow(wiring.procedures()).run(new RunFlow.Request(!detach));
    outcome
        .agent()
        .flatMap(AgentView::endpoint)
        .ifPresent(url -> wiring.console.say("• Endpoint: " + url));
    outcome
        .task()
        .map(t -> NextRuns.of(t, 3))
        .filter(runs -> !runs.isEmpty())
        .ifPresent(runs -> wiring.console.say("  next runs: " + NextRuns.describe(runs)));
    if (outcome.appType() != AppType.ONE_TIME_JOB || detach) {
      return ExitCode.OK;
    }
    // A one-time job followed to its end, its outputs home: exit with its code.
    int code =
        outcome
            .agent()
            .flatMap(AgentView::process)
            .flatMap(ProcessInfo::exitCode)
            .orElse(ExitCode.FAILED);
    wiring.console.say("• The job exited with code " + code);
    return code;
  }
}
