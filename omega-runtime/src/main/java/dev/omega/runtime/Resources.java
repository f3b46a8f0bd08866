package dev.omega.runtime;

/**
 * What an agent or a job asks of the machine it runs on: a compute size and a disk size.
 *
 * @param cpus the CPUs
 * @param memoryMb the memory, in MiB
 * @param diskGb the scratch disk, in GiB
 */
public record Resources(int cpus, int memoryMb, int diskGb) {
  public Resources {
    if (cpus < 1 || memoryMb < 1 || diskGb < 0) {
      throw new IllegalArgumentException(
          "resources must be positive: "
              + cpus
              + " CPUs, "
              + memoryMb
              + " MiB, "
              + diskGb
              + " GiB");
    }
  }
}
