package dev.omega.cli;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.ParameterException;
import dev.omega.core.config.ConfigProblem;
import dev.omega.core.config.InvalidConfigException;
import dev.omega.core.port.ApiException;
import dev.omega.core.port.AuthenticationException;
import dev.omega.core.port.NetworkException;
import dev.omega.core.procedure.ProcedureFailedException;
import java.io.PrintStream;
import java.lang.reflect.UndeclaredThrowableException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;

/**
 * {@code omega}: parses the command line, wires the adapters once, runs one command, and turns how
 * it ended into the exit code of issue 7. Ctrl+C interrupts the running flow (which stops cleanly
 * at its next wait or transfer); a second Ctrl+C exits at once.
 */
public final class OmegaCli {
  static final String VERSION = "0.1.0";

  private OmegaCli() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
    if (args.length == 1 && args[0].equals("--version")) {
      // Answered before the command line parser and every command are built: start-up is all.
      out.println("omega " + VERSION);
      return ExitCode.OK;
    }
    GlobalOptions global = new GlobalOptions();
    List<Command> commands =
        List.of(
            new ConfigCommand(global),
            new RunCommand(global),
            new StopCommand(global),
            new InspectCommand(global),
            new SyncCommand(global),
            new WatchCommand(global),
            new LoginCommand(global),
            new ServerCommand(global));
    JCommander.Builder builder = JCommander.newBuilder().programName("omega").addObject(global);
    commands.forEach(builder::addCommand);
    JCommander cli = builder.build();
    try {
      cli.parse(args);
    } catch (ParameterException e) {
      err.println("omega: " + e.getMessage() + " (see omega --help)");
      return ExitCode.USAGE;
    }
    if (global.version) {
      out.println("omega " + VERSION);
      return ExitCode.OK;
    }
    if (global.help || cli.getParsedCommand() == null) {
      StringBuilder usage = new StringBuilder();
      cli.getUsageFormatter().usage(usage);
      out.print(usage);
      return global.help ? ExitCode.OK : ExitCode.USAGE;
    }
    Command command = (Command) cli.getCommands().get(cli.getParsedCommand()).getObjects().get(0);
    if (global.verbose) {
      // The HTTP adapter logs each call and its answer at DEBUG, to stderr.
      ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.omega.http"))
          .setLevel(ch.qos.logback.classic.Level.DEBUG);
    }
    if (!cli.getParsedCommand().equals("server")
        && !Files.isDirectory(global.dir.toAbsolutePath())) {
      // A typo in --dir must not create a project folder, nor surface as a failed read.
      err.println(
          "✗ --dir "
              + global.dir
              + (Files.exists(global.dir) ? " is not a folder" : " does not exist")
              + ": pass the project's folder (default: the current one)");
      return ExitCode.USAGE;
    }
    TerminalConsole console =
        new TerminalConsole(out, err, global.verbose, TerminalConsole.Style.detect(environment));
    AtomicInteger ctrlC = CtrlC.install(Thread.currentThread());
    String name = cli.getParsedCommand();
    try (Wiring wiring = new Wiring(global, environment, console)) {
      return command.run(wiring);
    } catch (Throwable e) {
      // Ctrl+C surfaces as whatever it cut short (a closed file channel inside an
      // UncheckedIOException, say): it is the interrupt either way.
      if (ctrlC.get() > 0) {
        return interrupted(console, name);
      }
      Throwable cause = unwrap(e);
      if (cause instanceof AuthenticationException refused && mayOfferLogin(global, name)) {
        return offerLogin(refused, command, name, global, environment, console, ctrlC);
      }
      return failure(cause, console, name);
    }
  }

  /** On a terminal, a refused key leads to the login flow (spec 6.1), unless --no was given. */
  private static boolean mayOfferLogin(GlobalOptions global, String command) {
    return !global.no
        && !command.equals("login")
        && !command.equals("server")
        && TerminalPrompter.isTerminal(System.console());
  }

  /** Logs in to the project's server, then runs the command again: it resumes where it failed. */
  private static int offerLogin(
      AuthenticationException refused,
      Command command,
      String name,
      GlobalOptions global,
      Map<String, String> environment,
      TerminalConsole console,
      AtomicInteger ctrlC) {
    try (Wiring wiring = new Wiring(global, environment, console)) {
      String url = wiring.config().server();
      if (url == null) {
        return failure(refused, console, name);
      }
      console.say("✗ " + url + " refused the apikey (" + refused.getMessage() + ").");
      String answer = System.console().readLine("? Log in to %s now? [y/N] ", url);
      if (answer == null || !answer.strip().toLowerCase().startsWith("y")) {
        return failure(refused, console, name);
      }
      LoginCommand.logIn(wiring, url, LoginCommand.askForKey());
      console.say("• Running omega " + name + " again");
    } catch (Throwable e) {
      return ctrlC.get() > 0 ? interrupted(console, name) : failure(unwrap(e), console, name);
    }
    try (Wiring wiring = new Wiring(global, environment, console)) {
      return command.run(wiring);
    } catch (Throwable e) {
      return ctrlC.get() > 0 ? interrupted(console, name) : failure(unwrap(e), console, name);
    }
  }

  private static int failure(Throwable e, TerminalConsole console, String command) {
    return switch (e) {
      case InvalidConfigException invalid -> {
        console.say("✗ " + invalid.problems().size() + " problem(s) with the configuration:");
        for (ConfigProblem p : invalid.problems()) {
          console.say("  " + p.key() + ": " + p.problem() + "\n    fix: " + p.fix());
        }
        yield ExitCode.USAGE;
      }
      case IllegalArgumentException usage -> {
        console.say("✗ " + usage.getMessage());
        yield ExitCode.USAGE;
      }
      case AuthenticationException auth -> {
        console.say(
            "✗ The platform refused the apikey ("
                + auth.getMessage()
                + "). Log in again with omega login.");
        yield ExitCode.AUTH;
      }
      case InterruptedException interrupted -> interrupted(console, command);
      case CancellationException interrupted -> interrupted(console, command);
      // A 400 names a value of the user's configuration the platform cannot take.
      case ApiException refused when refused.status() == 400 -> {
        failed(console, refused);
        yield ExitCode.USAGE;
      }
      case ApiException failed -> failed(console, failed);
      case ProcedureFailedException failed -> failed(console, failed);
      case NetworkException failed -> failed(console, failed);
      // A local file that cannot be read or written: its message names it and why.
      case java.io.UncheckedIOException io -> failed(console, io);
      default -> {
        console.say("✗ " + e);
        yield ExitCode.FAILED;
      }
    };
  }

  private static int interrupted(TerminalConsole console, String command) {
    if (console.followingLogs()) {
      console.say(
          "✗ Stopped following the logs ("
              + console.statuses()
              + "): the process keeps running. See its logs with omega watch, stop it with omega"
              + " stop.");
      return ExitCode.INTERRUPTED;
    }
    console.say(
        "✗ Interrupted"
            + console.standing().map(where -> " " + where).orElse("")
            + ". Nothing is half-done: run omega "
            + command
            + " again to resume from there.");
    return ExitCode.INTERRUPTED;
  }

  private static int failed(TerminalConsole console, Throwable e) {
    console.say("✗ " + e.getMessage());
    return ExitCode.FAILED;
  }

  private static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while (t instanceof UndeclaredThrowableException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
