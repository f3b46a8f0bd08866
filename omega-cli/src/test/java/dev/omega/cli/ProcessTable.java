package dev.omega.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The machine's live processes as {@code /proc} lists them, found by a marker in their command. */
final class ProcessTable {
  private ProcessTable() {}

  /** The PIDs of live (not zombie) processes whose command line contains {@code marker}. */
  static List<Long> withMarker(String marker) throws IOException {
    List<Long> found = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path entry : entries) {
        try {
          String cmdline =
              new String(Files.readAllBytes(entry.resolve("cmdline")), StandardCharsets.UTF_8);
          String stat = Files.readString(entry.resolve("stat"), StandardCharsets.UTF_8);
          char state = stat.substring(stat.lastIndexOf(')') + 2).charAt(0);
          if (cmdline.contains(marker) && state != 'Z' && state != 'X') {
            found.add(Long.parseLong(entry.getFileName().toString()));
          }
        } catch (IOException | RuntimeException gone) {
          // ended while we looked
        }
      }
    }
    return found;
  }
}
