package dev.omega.runtime.slurm;

import java.util.List;
import java.util.Optional;

/**
 * Whether a size could ever run: {@code sbatch --test-only}, and when it says no, what each node of
 * the partition offers ({@code sinfo}), so that the refusal says what to ask for instead.
 */
final class SizeCheck {
  private final SlurmCommands slurm;
  private final Optional<String> partition;

  SizeCheck(SlurmCommands slurm, Optional<String> partition) {
    this.slurm = slurm;
    this.partition = partition;
  }

  /**
   * Why sbatch would never run a job with {@code options}, and what the partition offers; empty
   * when it would run (now or later).
   *
   * @throws IllegalStateException when Slurm cannot tell: sbatch refuses and sinfo lists no node
   *     (the controller does not answer, or the partition is unknown or empty), which is no fault
   *     of the size asked for
   */
  Optional<String> refusal(List<String> options) {
    Optional<String> why = slurm.testOnly(options);
    if (why.isEmpty()) {
      return Optional.empty();
    }
    String where = partition.map(p -> "partition " + p).orElse("Slurm's default partition");
    List<String> nodes = slurm.nodes();
    if (nodes.isEmpty()) {
      throw new IllegalStateException(
          "Slurm cannot check the size: " + why.get() + "; and sinfo lists no node in " + where);
    }
    return Optional.of(
        "Slurm says: "
            + why.get().replaceFirst("^sbatch: error: ", "")
            + ". "
            + where
            + " offers "
            + String.join("; ", nodes.stream().map(SizeCheck::offer).toList())
            + ". Choose a compute_size and disk_size within that.");
  }

  /** A line of sinfo ({@code name cpus memory tmp}) in words. */
  private static String offer(String line) {
    String[] f = line.split(" ");
    if (f.length != 4) {
      return line;
    }
    return "node "
        + f[0]
        + " with "
        + f[1]
        + " CPUs, "
        + f[2]
        + " MB of memory and "
        + f[3]
        + " MB of temporary disk";
  }
}
