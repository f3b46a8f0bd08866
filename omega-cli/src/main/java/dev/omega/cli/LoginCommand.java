package dev.omega.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import dev.omega.core.config.OmegaConfig;
import dev.omega.http.HttpPlatform;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

@Parameters(
    commandNames = "login",
    commandDescription = "Store the apikey for a team's server (spec 6.1)")
final class LoginCommand implements Command {
  /** So that global options may also follow the command: {@code omega stop --yes}. */
  @ParametersDelegate final GlobalOptions global;

  LoginCommand(GlobalOptions global) {
    this.global = global;
  }

  @Parameter(names = "--apikey-stdin", description = "Read the apikey from standard input")
  boolean apikeyStdin;

  @Parameter(names = "--server", description = "The platform's URL (default: the project's server)")
  String server;

  @Override
  public int run(Wiring wiring) throws Exception {
    OmegaConfig config = wiring.config();
    String url = server != null ? server : config.server();
    if (url == null) {
      throw new IllegalArgumentException(
          "the local platform needs no login; for a team's server pass --server URL or set it with omega config --server URL");
    }
    String apikey = readKey();
    logIn(wiring, url, apikey);
    return ExitCode.OK;
  }

  /**
   * Checks {@code apikey} on {@code url} and stores it.
   *
   * @throws dev.omega.core.port.AuthenticationException when the platform refuses it
   */
  static void logIn(Wiring wiring, String url, String apikey) {
    String user;
    try (HttpPlatform platform = HttpPlatform.connect(URI.create(url), Optional.of(apikey))) {
      user = platform.user();
    }
    wiring.project.saveCredentials(apikey);
    wiring.console.say(
        "• Logged in to "
            + url
            + " as "
            + user
            + "; the key is stored in "
            + wiring.project.omegaHome().resolve("credentials.yaml"));
  }

  /** Asks for the key on the terminal, without echo. */
  static String askForKey() {
    var terminal = System.console();
    if (!TerminalPrompter.isTerminal(terminal)) {
      throw new IllegalArgumentException(
          "no terminal to ask for the apikey on; pass it with --apikey-stdin");
    }
    char[] key = terminal.readPassword("apikey: ");
    if (key == null || key.length == 0) {
      throw new IllegalArgumentException("no apikey given");
    }
    return new String(key).strip();
  }

  private String readKey() throws Exception {
    if (apikeyStdin) {
      String line =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      if (line == null || line.isBlank()) {
        throw new IllegalArgumentException("no apikey on standard input");
      }
      return line.strip();
    }
    return askForKey();
  }
}
