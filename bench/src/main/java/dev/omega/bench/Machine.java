package dev.omega.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the figures were measured on, read off this machine. */
final class Machine {
  private Machine() {}

  static String describe(Shell shell, Path java) throws IOException, InterruptedException {
    String cpu =
        Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
            .filter(l -> l.startsWith("model name"))
            .findFirst()
            .map(l -> l.substring(l.indexOf(':') + 1).strip())
            .orElse("unknown CPU");
    long memKib =
        Files.readAllLines(Path.of("/proc/meminfo")).stream()
            .filter(l -> l.startsWith("MemTotal:"))
            .findFirst()
            .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
            .orElse(0L);
    String load = Files.readString(Path.of("/proc/loadavg")).strip();
    String kernel = first(shell, List.of("uname", "-sr"));
    String javaVersion = first(shell, List.of(java.toString(), "-version"));
    String rsync = first(shell, List.of("rsync", "--version"));
    String fs = df(shell);
    return String.join(
        "\n",
        "- CPU: " + Runtime.getRuntime().availableProcessors() + " cores, " + cpu,
        "- memory: " + (memKib >> 20) + " GiB; load average at start: " + load,
        "- kernel: " + kernel,
        "- JVM: " + javaVersion + " (" + java + ")",
        "- reference: " + rsync,
        "- work folder file system: " + fs);
  }

  private static String df(Shell shell) throws IOException, InterruptedException {
    String[] lines = shell.run(Path.of("/"), List.of("df", "-hT", "/tmp")).out().split("\n");
    return lines.length > 1 ? lines[1].replaceAll("\\s+", " ") : "";
  }

  private static String first(Shell shell, List<String> command)
      throws IOException, InterruptedException {
    String out = shell.runAllowingFailure(Path.of("/"), command).out().strip();
    return out.isEmpty() ? "" : out.split("\n")[0];
  }
}
