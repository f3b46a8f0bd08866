package dev.omega.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code omega sync} through the real CLI and server against {@code rsync -a} between two local
 * folders, on the same tree in the same run, alternating which goes first: the first full upload, a
 * re-sync with nothing changed, and one after changing some files.
 */
final class SyncBench {
  /** The targets of issue 9, as maximum ratios to rsync. */
  record Targets(double full, double noChange, double changed) {}

  /** What a run of one workload measured. */
  record Measured(Sample omegaFull, Sample rsyncFull, long peakRssKib) {}

  private final Shell shell;
  private final Omega omega;
  private final Path work;
  private final PrintStream progress;

  SyncBench(Shell shell, Omega omega, Path work, PrintStream progress) {
    this.shell = shell;
    this.omega = omega;
    this.work = work;
    this.progress = progress;
  }

  /** Measures one workload; returns the project left in sync, for later benchmarks. */
  Path run(Workload workload, int fullRuns, int reruns, Targets targets, Table table)
      throws IOException, InterruptedException {
    String name = workload.name();
    List<Double> omegaFull = new ArrayList<>();
    List<Double> rsyncFull = new ArrayList<>();
    long peakRss = 0;
    Path project = null;
    // Deleted only once every run is measured: on a file system without a journal (this VM's)
    // making a file skips every inode freed in the last minutes, so tens of thousands of files
    // deleted just before a timed run made it several times slower, rsync's as much as Omega's.
    List<Path> leftOver = new ArrayList<>();
    for (int i = 0; i < fullRuns; i++) {
      project = work.resolve(name + "-" + i);
      Path copy = work.resolve(name + "-rsync-" + i);
      omega.newProject(project);
      workload.generate(project);
      progress.println("  " + name + ": full upload " + (i + 1) + "/" + fullRuns);
      for (boolean rsyncFirst : order(i)) {
        if (rsyncFirst) {
          rsyncFull.add(rsync(project, copy).seconds());
        } else {
          Shell.Result sync = sync(project);
          omegaFull.add(sync.seconds());
          peakRss = Math.max(peakRss, sync.peakRssKib());
        }
      }
      if (i < fullRuns - 1) {
        leftOver.add(project);
      }
      leftOver.add(copy);
    }
    table.add(
        Row.ratio(
            name + ": full upload vs rsync -a",
            new Sample(omegaFull),
            new Sample(rsyncFull),
            targets.full()),
        progress);

    Path copy = work.resolve(name + "-rsync");
    rsync(project, copy);
    List<Double> omegaSame = new ArrayList<>();
    List<Double> rsyncSame = new ArrayList<>();
    for (int i = 0; i < reruns; i++) {
      for (boolean rsyncFirst : order(i)) {
        if (rsyncFirst) {
          rsyncSame.add(rsync(project, copy).seconds());
        } else {
          Shell.Result sync = sync(project);
          omegaSame.add(sync.seconds());
          peakRss = Math.max(peakRss, sync.peakRssKib());
        }
      }
    }
    table.add(
        Row.ratio(
            name + ": no-change re-sync vs rsync -a",
            new Sample(omegaSame),
            new Sample(rsyncSame),
            targets.noChange()),
        progress);

    List<Double> omegaChanged = new ArrayList<>();
    List<Double> rsyncChanged = new ArrayList<>();
    int changed = 0;
    for (int i = 0; i < reruns; i++) {
      changed = workload.change(project, i).size();
      for (boolean rsyncFirst : order(i)) {
        if (rsyncFirst) {
          rsyncChanged.add(rsync(project, copy).seconds());
        } else {
          Shell.Result sync = sync(project);
          omegaChanged.add(sync.seconds());
          peakRss = Math.max(peakRss, sync.peakRssKib());
        }
      }
    }
    table.add(
        Row.ratio(
            name + ": re-sync after changing " + changed + " files vs rsync -a",
            new Sample(omegaChanged),
            new Sample(rsyncChanged),
            targets.changed()),
        progress);
    table.add(
        Row.info(
            name + ": client peak RSS of omega sync (max of all runs)",
            Row.format("%.0f MiB", peakRss / 1024.0),
            "—"),
        progress);
    lastPeakRssKib = peakRss;
    lastNoChange = new Sample(omegaSame);
    leftOver.add(copy);
    for (Path tree : leftOver) {
      Files2.deleteTree(tree);
    }
    return project;
  }

  private long lastPeakRssKib;
  private Sample lastNoChange;

  long lastPeakRssKib() {
    return lastPeakRssKib;
  }

  Sample lastNoChange() {
    return lastNoChange;
  }

  /** rsync first on even runs, omega first on odd ones. */
  private static boolean[] order(int run) {
    return run % 2 == 0 ? new boolean[] {true, false} : new boolean[] {false, true};
  }

  private Shell.Result rsync(Path from, Path to) throws IOException, InterruptedException {
    shell.flushDisks();
    return shell.run(work, List.of("rsync", "-a", "--exclude=/.omega/", from + "/", to + "/"));
  }

  private Shell.Result sync(Path project) throws IOException, InterruptedException {
    shell.flushDisks();
    return shell.measured(project, omega.command(project, "sync"));
  }
}
