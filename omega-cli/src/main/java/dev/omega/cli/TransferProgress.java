package dev.omega.cli;

import dev.omega.core.port.ConsoleEvent.FileSynced;
import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * One sync's moves as the user sees them: a progress bar (files, bytes, rate, ETA) on a terminal,
 * then one summary line; only the summary line otherwise.
 */
final class TransferProgress {
  private static final long MIB = 1 << 20;

  private final int files;
  private final long bytes;
  private final long startNanos = System.nanoTime();
  private final ProgressBar bar;
  private int moved;
  private long bytesMoved;
  private int uploaded;
  private int downloaded;
  private int deletedHere;
  private int deletedThere;

  TransferProgress(
      int files, long bytes, PrintStream err, boolean showBar, boolean colour, int width) {
    this.files = files;
    this.bytes = bytes;
    this.bar = showBar ? bar(files, bytes, err, colour, width) : null;
  }

  private static ProgressBar bar(
      int files, long bytes, PrintStream err, boolean colour, int width) {
    ProgressBarBuilder builder =
        new ProgressBarBuilder()
            .setTaskName("sync")
            .setStyle(
                colour ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.UNICODE_BLOCK)
            .setConsumer(new ConsoleProgressBarConsumer(err, width))
            .setUpdateIntervalMillis(100)
            .showSpeed();
    if (bytes > 0) {
      builder
          .setInitialMax(bytes)
          .setUnit(bytes >= MIB ? " MiB" : " KiB", bytes >= MIB ? MIB : 1024);
    } else {
      builder.setInitialMax(files).setUnit(" files", 1);
    }
    ProgressBar bar = builder.build();
    bar.setExtraMessage(" 0/" + files + " files");
    return bar;
  }

  /**
   * Counts one move.
   *
   * @return whether it was the last one
   */
  boolean moved(FileSynced file) {
    moved++;
    bytesMoved += file.bytes();
    switch (file.direction()) {
      case UPLOAD -> uploaded++;
      case DOWNLOAD -> downloaded++;
      case DELETE_LOCAL -> deletedHere++;
      case DELETE_REMOTE -> deletedThere++;
    }
    if (bar != null) {
      bar.stepTo(bytes > 0 ? bytesMoved : moved);
      bar.setExtraMessage(" " + moved + "/" + files + " files");
    }
    return moved >= files;
  }

  /** Ends the bar; returns the summary line. */
  String finish() {
    if (bar != null) {
      bar.close();
    }
    return "  "
        + describe(uploaded, "uploaded")
        + ", "
        + describe(downloaded, "downloaded")
        + ", "
        + describe(deletedHere + deletedThere, "deleted")
        + " ("
        + Human.bytes(bytesMoved)
        + " in "
        + Human.duration(Duration.ofNanos(System.nanoTime() - startNanos))
        + ")";
  }

  /** Ends the bar where it stands; returns where the transfer stood, for the Ctrl+C message. */
  String abandon() {
    if (bar != null) {
      bar.close();
    }
    return moved + " of " + files + " files moved";
  }

  private static String describe(int count, String what) {
    return count + (count == 1 ? " file " : " files ") + what;
  }
}
