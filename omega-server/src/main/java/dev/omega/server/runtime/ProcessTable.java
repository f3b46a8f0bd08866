package dev.omega.server.runtime;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The processes of this machine as one pass over {@code /proc} found them (zombies included), and
 * their environments, each read at most once, when first asked for. This class is threadsafe.
 */
final class ProcessTable {
  private static final Path PROC = Path.of("/proc");

  private final long begun;
  private final List<ProcStat> processes;
  private final Map<Long, Optional<byte[]>> environments = new ConcurrentHashMap<>();

  private ProcessTable(long begun, List<ProcStat> processes) {
    this.begun = begun;
    this.processes = processes;
  }

  /** A pass over {@code /proc} now. */
  static ProcessTable scan() {
    long begun = System.nanoTime();
    List<ProcStat> processes = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (!name.isEmpty() && name.chars().allMatch(c -> c >= '0' && c <= '9')) {
          ProcStat.read(Long.parseLong(name)).ifPresent(processes::add);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + PROC, e);
    }
    return new ProcessTable(begun, processes);
  }

  /** When the pass began, on {@link System#nanoTime()}'s scale. */
  long begun() {
    return begun;
  }

  List<ProcStat> processes() {
    return processes;
  }

  /** The live (not zombie) processes whose process group is {@code pgid}. */
  List<ProcStat> group(long pgid) {
    return processes.stream().filter(p -> p.pgrp() == pgid && !p.zombie()).toList();
  }

  /**
   * The process's {@code /proc/<pid>/environ} (NUL-separated), empty when it is gone or not ours to
   * read.
   */
  Optional<byte[]> environment(long pid) {
    Optional<byte[]> known = environments.get(pid);
    if (known != null) {
      return known;
    }
    Optional<byte[]> read;
    try {
      read = Optional.of(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")));
    } catch (IOException | RuntimeException e) {
      read = Optional.empty();
    }
    Optional<byte[]> first = environments.putIfAbsent(pid, read); // read outside the map's locks
    return first != null ? first : read;
  }
}
