package dev.omega.cli;

import static dev.omega.cli.CliProcess.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8's harness: each flow of each application type, run by the built CLI against the real
 * local server, is stopped at each named crash point it passes ({@link CrashPoints}), as kill -9
 * and as Ctrl+C would, then run again twice. After each case the end state is the uninterrupted
 * run's, the platform holds one agent and/or task for the project, the project and the platform's
 * copy agree, no temporary file is left, the configuration reads back, and the second rerun sent no
 * mutating request.
 *
 * <p>{@code mvn verify} runs a fixed subset: a one-time job's run, stopped by kill -9 just after
 * each kind of mutating call (the platform acted, the CLI has not seen the answer) and just before
 * each start. {@code -Domega.reliability=full} stops every flow of every type at every pass of
 * every point around a mutating call, by kill -9 and by Ctrl+C; {@code
 * -Domega.reliability.types=job,api} and {@code -Domega.reliability.flows=run,sync} narrow it
 * (docs/RELIABILITY.md).
 */
class CrashPointsIT {
  private static final boolean FULL = "full".equals(System.getProperty("omega.reliability"));
  private static final List<String> ONLY_TYPES = listProperty("omega.reliability.types");
  private static final List<String> ONLY_FLOWS = listProperty("omega.reliability.flows");

  @TempDir static Path home;
  @TempDir static Path work;
  private static int projects;

  /** One application type: its files, its configuration, how it is run. */
  record AppType(String name, List<String> config, List<String> run, boolean needsJupyter) {}

  private static final AppType JOB =
      new AppType(
          "job",
          List.of(
              "--job-type",
              "job",
              "--command",
              "echo run >> runs.txt; cat a.txt data/b.txt > result.txt && echo done"),
          List.of("run"),
          false);

  private static final List<AppType> TYPES =
      List.of(
          JOB,
          new AppType(
              "api",
              List.of(
                  "--job-type",
                  "api",
                  "--command",
                  "exec python3 -m http.server $PORT --bind 127.0.0.1"),
              List.of("run", "--detach"),
              false),
          new AppType(
              "scheduled-job",
              List.of(
                  "--job-type",
                  "job",
                  "--schedule",
                  "0 3 * * *",
                  "--command",
                  "date >> history.txt"),
              List.of("run", "--no"),
              false),
          new AppType(
              "api-with-scheduled-job",
              List.of(
                  "--job-type",
                  "api",
                  "--command",
                  "exec python3 -m http.server $PORT --bind 127.0.0.1",
                  "--schedule",
                  "0 3 * * *",
                  "--job-command",
                  "date >> history.txt"),
              List.of("run", "--detach", "--no"),
              false),
          new AppType("lab", List.of("--job-type", "lab"), List.of("run"), true));

  private static final List<String> FLOWS = List.of("run", "stop", "sync", "config");

  @BeforeAll
  static void startTheLocalPlatform() throws Exception {
    ok(cli(Map.of()).run(work, "server", "start"));
  }

  @AfterAll
  static void stopTheLocalPlatform() throws Exception {
    cli(Map.of()).run(work, "server", "stop");
  }

  @TestFactory
  Stream<DynamicTest> everyFlowStoppedAtEveryPointThenRunAgainEndsAsAnUninterruptedRun()
      throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (AppType type : FULL ? TYPES : List.of(JOB)) {
      if (type.needsJupyter() && !jupyterInstalled()
          || !ONLY_TYPES.isEmpty() && !ONLY_TYPES.contains(type.name())) {
        continue;
      }
      for (String flow : FULL ? FLOWS : List.of("run")) {
        if (!ONLY_FLOWS.isEmpty() && !ONLY_FLOWS.contains(flow)) {
          continue;
        }
        Reference clean = reference(type, flow);
        for (String mode : FULL ? List.of("KILL", "INT") : List.of("KILL")) {
          for (Map.Entry<String, Integer> point : passes(clean.points()).entrySet()) {
            if (!inSubset(point.getKey())) {
              continue;
            }
            for (int k = 1; k <= (FULL ? point.getValue() : 1); k++) {
              String at = point.getKey() + "#" + k;
              tests.add(
                  DynamicTest.dynamicTest(
                      type.name() + " " + flow + " " + mode + " at " + at,
                      () -> stoppedThenRerun(type, flow, clean, at, mode)));
            }
          }
        }
      }
    }
    return tests.stream();
  }

  /** In the full run, every point around a mutating call; else the subset the class names. */
  private static boolean inSubset(String point) {
    if (!CrashPoints.MUTATING.contains(callOf(point))) {
      return false;
    }
    return FULL || point.startsWith("after ") || point.equals("before agents.run");
  }

  private static List<String> listProperty(String name) {
    String value = System.getProperty(name, "");
    return value.isBlank() ? List.of() : List.of(value.split(","));
  }

  /** What an uninterrupted run of the flow passes and leaves. */
  record Reference(
      List<String> points,
      int exitCode,
      Map<String, String> endState,
      int agents,
      int tasks,
      String runs) {}

  private static Reference reference(AppType type, String flow) throws Exception {
    Path project = prepare(type, flow);
    Counts before = counts();
    Path points = Files.createTempFile(work, "points", ".txt");
    var run =
        cli(Map.of("OMEGA_CRASH_POINTS", points.toString())).run(project, command(type, flow));
    assertThat(run.exitCode()).as("clean %s %s: %s", type.name(), flow, run.err()).isZero();
    Counts after = counts();
    Reference reference =
        new Reference(
            Files.readAllLines(points),
            run.exitCode(),
            endState(project),
            after.agents() - before.agents(),
            after.tasks() - before.tasks(),
            runs(project));
    cleanUp(project);
    return reference;
  }

  private static void stoppedThenRerun(
      AppType type, String flow, Reference clean, String at, String mode) throws Exception {
    String label = type.name() + " " + flow + ", " + mode + " at " + at;
    Path project = prepare(type, flow);
    Counts before = counts();
    String[] command = command(type, flow);
    // When: stopped at the point
    var stopped =
        cli(Map.of("OMEGA_CRASH_AT", at, "OMEGA_CRASH_SIGNAL", mode)).run(project, command);
    assertThat(stopped.exitCode())
        .as("%s: %s", label, stopped.err())
        .isIn(mode.equals("KILL") ? List.of(137) : List.of(130, clean.exitCode()));
    boolean over = runOver(project, clean);
    // Then: run again, twice
    var rerun = cli(Map.of()).run(project, command);
    assertThat(rerun.exitCode())
        .as("%s, rerun: %s%s", label, rerun.err(), logs(project))
        .isEqualTo(clean.exitCode());
    // Each job ran exactly as often as in the uninterrupted run: none twice. A one-time job's run
    // stopped once it had done all of its work (the job's run home, the run forgotten: stopped
    // after its last save, or a Ctrl+C that landed then) is over: the rerun is a new run, as any
    // later omega run is.
    boolean finished = type == JOB && flow.equals("run") && over;
    assertThat(runs(project))
        .as("%s: the job's runs", label)
        .isEqualTo(finished ? clean.runs().repeat(2) : clean.runs());
    Path points = Files.createTempFile(work, "points", ".txt");
    var again = cli(Map.of("OMEGA_CRASH_POINTS", points.toString())).run(project, command);
    assertThat(again.exitCode())
        .as("%s, second rerun: %s%s", label, again.err(), logs(project))
        .isEqualTo(clean.exitCode());
    if (!(type == JOB && flow.equals("run"))) {
      // A one-time job's run runs the job anew each time (spec 4.2.1): it is a new request.
      assertThat(Files.readAllLines(points).stream().map(CrashPointsIT::callOf))
          .as("%s: mutating requests of a rerun of a completed command", label)
          .noneMatch(CrashPoints.MUTATING::contains);
    }
    assertThat(endState(project)).as(label).isEqualTo(clean.endState());
    Counts after = counts();
    assertThat(after.agents() - before.agents()).as("%s: agents", label).isEqualTo(clean.agents());
    assertThat(after.tasks() - before.tasks()).as("%s: tasks", label).isEqualTo(clean.tasks());
    assertInSync(project, label);
    try (Stream<Path> files = Files.walk(project)) {
      assertThat(files.map(Path::toString))
          .as(label)
          .noneMatch(name -> name.contains(".omega-tmp-"));
    }
    cleanUp(project);
  }

  /** A new project with the type's files and configuration, and what the flow needs before it. */
  private static Path prepare(AppType type, String flow) throws Exception {
    Path project = work.resolve("project-" + ++projects);
    Files.createDirectories(project.resolve("data"));
    Files.writeString(project.resolve("a.txt"), "alpha\n");
    Files.writeString(project.resolve("data/b.txt"), "beta\n");
    List<String> config = new ArrayList<>(List.of("config"));
    config.addAll(type.config());
    ok(cli(Map.of()).run(project, config.toArray(String[]::new)));
    if (flow.equals("stop") || flow.equals("sync")) {
      ok(cli(Map.of()).run(project, type.run().toArray(String[]::new)));
    }
    if (flow.equals("sync")) {
      Files.writeString(project.resolve("a.txt"), "alpha, changed\n");
      Files.writeString(project.resolve("data/new.txt"), "new\n");
    }
    return project;
  }

  private static String[] command(AppType type, String flow) {
    return switch (flow) {
      case "run" -> type.run().toArray(String[]::new);
      case "stop" -> new String[] {"stop", "--yes"};
      case "sync" -> new String[] {"sync"};
      case "config" -> new String[] {"config", "--env", "COLOUR=blue"};
      default -> throw new IllegalArgumentException(flow);
    };
  }

  /** The statuses and exit codes {@code inspect --json} reports. */
  private static Map<String, String> endState(Path project) throws Exception {
    JsonNode view = Projects.json(cli(Map.of()).run(project, "inspect", "--json"));
    Map<String, String> state = new LinkedHashMap<>();
    state.put("app_type", view.path("app_type").asText());
    state.put("agent", view.path("agent").path("status").asText("none"));
    state.put("agent exit code", view.path("agent").path("exit_code").asText("none"));
    state.put("task", view.path("task").path("status").asText("none"));
    state.put("job", view.path("task").path("job").path("status").asText("none"));
    return state;
  }

  /** Where the flow synced, the project and the platform's copy agree. */
  private static void assertInSync(Path project, String label) throws Exception {
    var plan = cli(Map.of()).run(project, "sync", "--dry-run", "--json");
    if (plan.exitCode() != 0) {
      return; // nothing to sync with (no agent up, no task): nothing to compare
    }
    JsonNode json = Projects.json(plan);
    for (String side :
        List.of("upload", "download", "delete_local", "delete_remote", "conflicts")) {
      assertThat(json.path(side)).as("%s: %s after the rerun", label, side).isEmpty();
    }
  }

  /** The lines the job appended to runs.txt, one per run, as synced home. */
  /** Whether the project holds the job's runs as a whole run leaves them, and no run under way. */
  private static boolean runOver(Path project, Reference clean) throws IOException {
    Path config = project.resolve(".omega/config.yaml");
    return runs(project).equals(clean.runs())
        && !clean.runs().isEmpty()
        && Files.exists(config)
        && !Files.readString(config).contains("run_id:");
  }

  private static String runs(Path project) throws IOException {
    Path runs = project.resolve("runs.txt");
    return Files.exists(runs) ? Files.readString(runs) : "";
  }

  /** The agent's stored log, to tell why a job failed. */
  private static String logs(Path project) throws Exception {
    return "\nagent log:\n" + cli(Map.of()).run(project, "watch", "--no-follow").out();
  }

  /** Terminates what the case started, so that cases do not add up. */
  private static void cleanUp(Path project) throws Exception {
    cli(Map.of()).run(project, "stop", "--yes");
  }

  record Counts(int agents, int tasks) {}

  private static Counts counts() throws Exception {
    JsonNode all = Projects.json(cli(Map.of()).run(work, "inspect", "--all", "--json"));
    return new Counts(all.path("agents").size(), all.path("tasks").size());
  }

  /** Each point and how many times the run passed it. */
  private static Map<String, Integer> passes(List<String> points) {
    Map<String, Integer> passes = new LinkedHashMap<>();
    points.forEach(point -> passes.merge(point, 1, Integer::sum));
    return passes;
  }

  /** "before agents.create" is around the call "agents.create". */
  private static String callOf(String point) {
    return point.substring(point.indexOf(' ') + 1);
  }

  private static CliProcess cli(Map<String, String> env) {
    return new CliProcess(home, new HashMap<>(env));
  }

  private static boolean jupyterInstalled() {
    return Stream.of(System.getenv("PATH").split(":"))
        .anyMatch(
            dir ->
                Files.isExecutable(Path.of(dir, "jupyter-lab"))
                    || Files.isExecutable(Path.of(dir, "jupyter-notebook")));
  }
}
