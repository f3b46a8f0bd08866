package dev.omega.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import dev.omega.api.Wire;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Parameters(
    commandNames = "server",
    commandDescription = "Manage the local platform: start, stop, status")
final class ServerCommand implements Command {
  /** So that global options may also follow the command: {@code omega stop --yes}. */
  @ParametersDelegate final GlobalOptions global;

  ServerCommand(GlobalOptions global) {
    this.global = global;
  }

  @Parameter(description = "start | stop | status")
  List<String> action = new ArrayList<>();

  @Parameter(names = "--json", description = "status as JSON")
  boolean json;

  @Override
  public int run(Wiring wiring) throws Exception {
    LocalServer local = wiring.localServer();
    String what = action.isEmpty() ? "status" : action.get(0);
    switch (what) {
      case "start" ->
          wiring.console.say("• Local platform at " + local.ensureRunning(wiring.console));
      case "stop" ->
          wiring.console.say(
              local.stop()
                  ? "• Stopped the local platform (agents' processes go on)"
                  : "• The local platform was not running");
      case "status" -> {
        var url = local.running();
        var process = local.recordedProcess();
        if (json) {
          Map<String, Object> status = new LinkedHashMap<>();
          status.put("running", url.isPresent() || process.isPresent());
          status.put("answering", url.isPresent());
          status.put("url", url.map(Object::toString).orElse(null));
          status.put("pid", process.map(ProcessHandle::pid).orElse(null));
          status.put("data_dir", local.dataDir().toString());
          status.put("token_file", local.tokenFile().toString());
          wiring.console.print(Wire.JSON.writeValueAsString(status));
        } else {
          String state =
              url.isPresent()
                  ? "running at " + url.get()
                  : process
                      .map(p -> "running (PID " + p.pid() + ") but not answering")
                      .orElse("not running");
          wiring.console.print(state + " (data in " + local.dataDir() + ")");
        }
      }
      default ->
          throw new IllegalArgumentException(
              "omega server takes start, stop or status, not '" + what + "'");
    }
    return ExitCode.OK;
  }
}
