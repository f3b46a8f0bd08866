package dev.omega.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omega.core.port.ConsoleEvent;
import dev.omega.core.port.ConsoleEvent.FileSynced;
import dev.omega.core.port.ConsoleEvent.StatusChanged;
import dev.omega.core.port.ConsoleEvent.SyncDirection;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TerminalConsoleTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private TerminalConsole console(TerminalConsole.Style style) {
    return new TerminalConsole(
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        false,
        style);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void eachStepIsFollowedByItsStatusTransitionsWithHowLongTheFormerStatusLasted() {
    TerminalConsole console = console(TerminalConsole.Style.PLAIN);
    console.show(new ConsoleEvent.Step("Creating agent a1"));
    console.show(new StatusChanged("agent a1", Optional.empty(), "INIT"));
    console.show(new StatusChanged("agent a1", Optional.of("INIT"), "IDLE"));
    assertThat(err())
        .contains("• Creating agent a1\n  agent is INIT\n")
        .containsPattern("  agent INIT → IDLE after \\d+\\.\\d s\n");
  }

  @Test
  void withoutATerminalASyncIsOneSummaryLineAndNoBar() {
    TerminalConsole console = console(TerminalConsole.Style.PLAIN);
    console.show(new ConsoleEvent.TransferPlanned(3, 3072));
    console.show(new FileSynced(SyncDirection.UPLOAD, "a", 1024));
    console.show(new FileSynced(SyncDirection.UPLOAD, "b", 2048));
    console.show(new FileSynced(SyncDirection.DELETE_REMOTE, "c", 0));
    assertThat(err())
        .matches(
            "  2 files uploaded, 0 files downloaded, 1 file deleted \\(3\\.0 KiB in \\d+\\.\\d s\\)\n");
  }

  @Test
  void onATerminalASyncDrawsAProgressBarWithFilesBytesAndRate() {
    TerminalConsole console = console(new TerminalConsole.Style(true, false, 100));
    console.show(new ConsoleEvent.TransferPlanned(2, 4 << 20));
    console.show(new FileSynced(SyncDirection.UPLOAD, "big", 2 << 20));
    console.show(new FileSynced(SyncDirection.DOWNLOAD, "other", 2 << 20));
    String shown = err();
    assertThat(shown).contains("sync").contains("2/2 files").contains("MiB").contains("/s");
    assertThat(shown).doesNotContain("\u001b[");
    assertThat(shown).contains("1 file uploaded, 1 file downloaded, 0 files deleted (4.0 MiB");
  }

  @Test
  void anInterruptedCommandSaysWhichStepItCutAndWhereThingsStood() {
    TerminalConsole console = console(TerminalConsole.Style.PLAIN);
    console.show(new ConsoleEvent.Step("Syncing files with agent a1"));
    console.show(new StatusChanged("agent a1", Optional.empty(), "IDLE"));
    console.show(new ConsoleEvent.TransferPlanned(10, 100));
    console.show(new FileSynced(SyncDirection.UPLOAD, "a", 10));
    assertThat(console.standing())
        .contains("while syncing files with agent a1 (1 of 10 files moved); agent a1 is IDLE");
  }

  @Test
  void nothingStartedMeansNothingToSayAboutWhereThingsStood() {
    assertThat(console(TerminalConsole.Style.PLAIN).standing()).isEmpty();
  }
}
