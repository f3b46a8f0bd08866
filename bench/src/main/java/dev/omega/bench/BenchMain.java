package dev.omega.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code bench/run}: every benchmark of issue 9 against the built CLI and a local server of its
 * own, Omega and the reference side by side in the same run; prints the machine and the table.
 *
 * <p>Options: {@code --quick} (fewer repetitions, a smaller few-large), {@code --only
 * sync-small,sync-large,startup,server,logs,scheduler}, {@code --work DIR} (default {@code
 * /tmp/omega-bench}), {@code --keep} (leave the work folder), {@code --out FILE} (also write the
 * table there).
 */
public final class BenchMain {
  private static final Set<String> ALL =
      Set.of("sync-small", "sync-large", "startup", "server", "logs", "scheduler");

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("generate")) {
      // bench/run generate many-small|few-large DIR: a workload alone, e.g. to profile by hand.
      workload(args[1]).generate(Path.of(args[2]));
      return;
    }
    if (args.length > 0 && args[0].equals("change")) {
      // bench/run change many-small|few-large DIR ROUND: one round of changes.
      System.out.println(workload(args[1]).change(Path.of(args[2]), Integer.parseInt(args[3])));
      return;
    }
    Options options = Options.parse(args);
    PrintStream out = System.out;
    Path repo = Path.of(System.getProperty("omega.repo", ".")).toAbsolutePath().normalize();
    Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
    Path work = options.work();
    Files2.deleteTree(work);
    Files.createDirectories(work);
    Map<String, String> env = new HashMap<>();
    env.put("OMEGA_HOME", work.resolve("home").toString());
    env.put("JAVA_HOME", java.getParent().getParent().toString());
    Shell shell = new Shell(env);
    Omega omega = new Omega(repo.resolve("bin/omega"), shell);
    Table table = new Table();
    Instant started = Instant.now();
    out.println("Omega benchmarks (issue 9)" + (options.quick() ? ", quick mode" : ""));
    String machine = Machine.describe(shell, java);
    out.println(machine);
    Omega.Server server = omega.startServer(work);
    try {
      run(options, shell, omega, server, java, work, table, out);
    } finally {
      omega.stopServer(work);
      if (!options.keep()) {
        Files2.deleteTree(work);
      }
    }
    String report =
        "Run "
            + started
            + " in "
            + Duration.between(started, Instant.now()).toSeconds()
            + " s"
            + (options.quick() ? " (quick mode)" : "")
            + "\n\n"
            + machine
            + "\n\n"
            + table.markdown();
    out.println();
    out.println(report);
    if (options.out() != null) {
      Files.writeString(options.out(), report);
    }
    System.exit(table.misses() == 0 ? 0 : 3);
  }

  private static void run(
      Options options,
      Shell shell,
      Omega omega,
      Omega.Server server,
      Path java,
      Path work,
      Table table,
      PrintStream out)
      throws IOException, InterruptedException {
    boolean quick = options.quick();
    if (options.wants("scheduler")) {
      // First, before the sync workloads' gigabytes are written and deleted: after them this VM's
      // disk made folders several times slower for minutes, and the lag doubled (BENCHMARKS.md).
      out.println("scheduler (waits for the next two minutes)");
      new FireLagBench(out).run(server, 1000, table);
    }
    SyncBench sync = new SyncBench(shell, omega, work, out);
    Path small = null;
    if (options.wants("sync-small") || options.wants("startup") || options.wants("server")) {
      out.println("sync, many-small");
      small =
          sync.run(
              ManySmall.standard(),
              quick ? 1 : 3,
              quick ? 3 : 5,
              new SyncBench.Targets(2.0, 1.5, 1.75),
              table);
    }
    if (options.wants("sync-large")) {
      out.println("sync, few-large");
      FewLarge large = quick ? new FewLarge(8, 32L << 20, 2, 8L) : FewLarge.standard();
      sync.run(
          large,
          quick ? 1 : 3,
          quick ? 3 : 5,
          new SyncBench.Targets(1.25, Double.NaN, Double.NaN),
          table);
      table.add(
          Row.atMost(
              large.name() + ": no-change re-sync, absolute",
              Row.format("%.3f s", sync.lastNoChange().median()),
              sync.lastNoChange().median(),
              "< 0.50 s",
              0.5),
          out);
      table.add(
          Row.atMost(
              large.name() + ": client peak RSS of omega sync",
              Row.format("%.0f MiB", sync.lastPeakRssKib() / 1024.0),
              sync.lastPeakRssKib() / 1024.0,
              "< 200 MiB",
              200),
          out);
    }
    if (options.wants("startup")) {
      out.println("CLI start-up");
      new StartupBench(shell, omega, java, out).run(small, quick ? 5 : 15, table);
    }
    if (options.wants("server")) {
      out.println("server load");
      new ServerLoadBench(shell, out).run(server, Omega.agentId(small), quick ? 5 : 15, table);
    }
    if (options.wants("logs")) {
      out.println("log streaming");
      new LogBench(omega, work, out)
          .run(server, quick ? 20_000 : 100_000, new int[] {1, 100}, table);
    }
  }

  private static Workload workload(String name) {
    return switch (name) {
      case "many-small" -> ManySmall.standard();
      case "few-large" -> FewLarge.standard();
      default -> throw new IllegalArgumentException("no workload " + name);
    };
  }

  /** The command line. */
  record Options(boolean quick, Set<String> only, Path work, boolean keep, Path out) {
    boolean wants(String benchmark) {
      return only.contains(benchmark);
    }

    static Options parse(String[] args) {
      boolean quick = false;
      boolean keep = false;
      Set<String> only = ALL;
      Path work = Path.of("/tmp/omega-bench");
      Path out = null;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--quick" -> quick = true;
          case "--keep" -> keep = true;
          case "--only" -> only = Set.copyOf(List.of(args[++i].split(",")));
          case "--work" -> work = Path.of(args[++i]).toAbsolutePath();
          case "--out" -> out = Path.of(args[++i]).toAbsolutePath();
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      if (!ALL.containsAll(only)) {
        throw new IllegalArgumentException("--only takes some of " + ALL);
      }
      return new Options(quick, only, work, keep, out);
    }
  }
}
