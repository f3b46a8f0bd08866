package dev.omega.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import dev.omega.core.flow.WatchFlow;
import java.util.OptionalInt;

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

  @Parameter(
      names = "--tail",
      description = "Start with only the last N stored lines, then follow as usual")
  Integer tail;

  @Override
  public int run(Wiring wiring) throws Exception {
    if (tail != null && tail < 0) {
      throw new IllegalArgumentException("--tail takes a number of lines, 0 or more, not " + tail);
    }
    new WatchFlow(wiring.procedures())
        .run(
            task ? WatchFlow.Source.TASK : WatchFlow.Source.DEFAULT,
            !noFollow,
            tail == null ? OptionalInt.empty() : OptionalInt.of(tail));
    return ExitCode.OK;
  }
}
