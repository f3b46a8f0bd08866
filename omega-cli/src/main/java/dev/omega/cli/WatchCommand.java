package dev.omega.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import dev.omega.core.flow.WatchFlow;

@Parameters(commandNames = "watch", commandDescription = "Stream or read the logs (spec 4.3.6)")
final class WatchCommand implements Command {
  /** So that global options may also follow the command: {@code omega stop --yes}. */
  @ParametersDelegate final GlobalOptions global;

  WatchCommand(GlobalOptions global) {
    this.global = global;
  }

  @Parameter(names = "--task", description = "The task's log history instead of the agent's logs")
  boolean task;

  @Parameter(
      names = "--no-follow",
      description = "Print the stored lines and exit, without streaming")
  boolean noFollow;

  @Override
  public int run(Wiring wiring) throws Exception {
    new WatchFlow(wiring.procedures())
        .run(task ? WatchFlow.Source.TASK : WatchFlow.Source.DEFAULT, !noFollow);
    return ExitCode.OK;
  }
}
