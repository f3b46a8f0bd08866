package dev.omega.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import dev.omega.api.Wire;
import dev.omega.core.flow.SyncFlow;
import dev.omega.core.procedure.SyncReport;
import dev.omega.core.sync.Conflict;
import dev.omega.core.sync.FileEntry;
import dev.omega.core.sync.SyncPlan;
import java.util.LinkedHashMap;
import java.util.Map;

@Parameters(
    commandNames = "sync",
    commandDescription = "Sync the project's files with the platform (spec 4.3.5)")
final class SyncCommand implements Command {
  /** So that global options may also follow the command: {@code omega stop --yes}. */
  @ParametersDelegate final GlobalOptions global;

  SyncCommand(GlobalOptions global) {
    this.global = global;
  }

  @Parameter(
      names = "--dry-run",
      description = "Show what a sync would do, and what it leaves out, moving nothing")
  boolean dryRun;

  @Parameter(names = "--json", description = "With --dry-run: print the plan as JSON")
  boolean json;

  @Override
  public int run(Wiring wiring) throws Exception {
    if (dryRun) {
      return preview(wiring);
    }
    SyncFlow.Outcome outcome = new SyncFlow(wiring.procedures()).run();
    outcome.agent().ifPresent(r -> wiring.console.say("• Agent: " + summary(r)));
    outcome.task().ifPresent(r -> wiring.console.say("• Task cache: " + summary(r)));
    return ExitCode.OK;
  }

  private int preview(Wiring wiring) throws Exception {
    SyncFlow.Preview preview = new SyncFlow(wiring.procedures()).preview();
    Map<String, String> leftOut = wiring.project.leftOut(wiring.config());
    SyncPlan main = preview.agent().or(preview::task).orElseThrow();
    if (json) {
      Map<String, Object> out = describe(main);
      if (preview.agent().isPresent() && preview.task().isPresent()) {
        out.put("task", describe(preview.task().get()));
      }
      out.put("left_out", leftOut);
      wiring.console.print(Wire.JSON.writeValueAsString(out));
      return ExitCode.OK;
    }
    preview.agent().ifPresent(p -> print(wiring, "agent", p));
    preview.task().ifPresent(p -> print(wiring, "task cache", p));
    leftOut.forEach(
        (path, why) ->
            wiring.console.print(SafeText.of("left out     " + path + "  (" + why + ")")));
    return ExitCode.OK;
  }

  private static Map<String, Object> describe(SyncPlan plan) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("upload", plan.upload().stream().map(FileEntry::path).toList());
    m.put("download", plan.download().stream().map(FileEntry::path).toList());
    m.put("delete_local", plan.deleteLocal());
    m.put("delete_remote", plan.deleteRemote());
    m.put("conflicts", plan.conflicts().stream().map(Conflict::path).toList());
    return m;
  }

  private static void print(Wiring wiring, String side, SyncPlan plan) {
    if (plan.isEmpty()) {
      wiring.console.print(side + ": nothing to sync");
    }
    plan.upload().forEach(e -> wiring.console.print("upload       " + e.path()));
    plan.download().forEach(e -> wiring.console.print("download     " + e.path()));
    plan.deleteLocal().forEach(p -> wiring.console.print("delete here  " + p));
    plan.deleteRemote().forEach(p -> wiring.console.print("delete there " + p));
    plan.conflicts()
        .forEach(
            c ->
                wiring.console.print(
                    "conflict     " + c.path() + " (the " + side + "'s version would win)"));
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
