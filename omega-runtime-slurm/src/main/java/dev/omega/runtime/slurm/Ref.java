package dev.omega.runtime.slurm;

import java.nio.file.Path;

/**
 * What a host's or a process's id holds on Slurm: the job's id and a folder on the shared folder
 * (the host's folder, or the run's), written as {@code "<job id> <folder>"}.
 */
record Ref(String jobId, Path dir) {
  static Ref parse(String id) {
    int space = id.indexOf(' ');
    if (space <= 0) {
      throw new IllegalArgumentException("not a Slurm runtime's id: " + id);
    }
    return new Ref(id.substring(0, space), Path.of(id.substring(space + 1)));
  }

  String id() {
    return jobId + " " + dir;
  }
}
