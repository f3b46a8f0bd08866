package dev.omega.cli;

import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import dev.omega.core.flow.StopFlow;

@Parameters(commandNames = "stop", commandDescription = "Stop the application (spec 4.2.2)")
final class StopCommand implements Command {
  /** So that global options may also follow the command: {@code omega stop --yes}. */
  @ParametersDelegate final GlobalOptions global;

  StopCommand(GlobalOptions global) {
    this.global = global;
  }

  @Override
  public int run(Wiring wiring) throws Exception {
    StopFlow.Outcome outcome = new StopFlow(wiring.procedures()).run();
    outcome.agent().ifPresent(a -> wiring.console.say("• Agent " + a.id() + " is " + a.status()));
    outcome.task().ifPresent(t -> wiring.console.say("• Task " + t.id() + " is " + t.status()));
    if (outcome.agent().isEmpty() && outcome.task().isEmpty()) {
      wiring.console.say("• Nothing runs for this project");
    }
    return ExitCode.OK;
  }
}
