package dev.omega.cli;

import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import dev.omega.core.flow.SyncFlow;
import dev.omega.core.procedure.SyncReport;

@Parameters(
    commandNames = "sync",
    commandDescription = "Sync the project's files with the platform (spec 4.3.5)")
final class SyncCommand implements Command {
  /** So that global options may also follow the command: {@code omega stop --yes}. */
  @ParametersDelegate final GlobalOptions global;

  SyncCommand(GlobalOptions global) {
    this.global = global;
  }

  @Override
  public int run(Wiring wiring) throws Exception {
    SyncFlow.Outcome outcome = new SyncFlow(wiring.procedures()).run();
    outcome.agent().ifPresent(r -> wiring.console.say("• Agent: " + summary(r)));
    outcome.task().ifPresent(r -> wiring.console.say("• Task cache: " + summary(r)));
    return ExitCode.OK;
  }

  private static String summary(SyncReport r) {
    return r.movedNothing()
        ? "already in sync"
        : r.uploaded()
            + " uploaded, "
            + r.downloaded()
            + " downloaded, "
            + r.deletedLocally()
            + " deleted here, "
            + r.deletedRemotely()
            + " deleted there, "
            + r.conflicts().size()
            + " conflicts";
  }
}
