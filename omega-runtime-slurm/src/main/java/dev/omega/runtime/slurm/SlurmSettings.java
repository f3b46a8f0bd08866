package dev.omega.runtime.slurm;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How to reach a Slurm cluster: the server's {@code slurm:} block.
 *
 * @param sharedDir {@code shared_dir}: a folder that the server and every node see at the same path
 *     (NFS, say); workspaces, logs and the supervisor's files live there
 * @param partition {@code partition}: where agents and jobs are submitted; the cluster's default
 *     partition when absent
 * @param account {@code account}: the Slurm account charged; the user's default when absent
 * @param conf {@code conf}: the {@code slurm.conf} clients read (SLURM_CONF); Slurm's own default
 *     when absent
 * @param binDir {@code bin_dir}: where {@code sbatch}, {@code squeue}, {@code scancel}, {@code
 *     sinfo} and {@code scontrol} are; the PATH when absent
 */
public record SlurmSettings(
    Path sharedDir,
    Optional<String> partition,
    Optional<String> account,
    Optional<Path> conf,
    Optional<Path> binDir) {
  private static final Set<String> KEYS =
      Set.of("shared_dir", "partition", "account", "conf", "bin_dir");

  public SlurmSettings {
    requireNonNull(sharedDir, "sharedDir");
    if (!sharedDir.isAbsolute()) {
      throw new IllegalArgumentException(
          "slurm.shared_dir: '" + sharedDir + "' must be an absolute path the nodes see too");
    }
    sharedDir = sharedDir.normalize();
    requireNonNull(partition, "partition");
    requireNonNull(account, "account");
    requireNonNull(conf, "conf");
    requireNonNull(binDir, "binDir");
  }

  /**
   * Reads the {@code slurm:} block.
   *
   * @throws IllegalArgumentException naming an unknown key, or {@code shared_dir} when it is
   *     missing
   */
  static SlurmSettings from(Map<String, Object> block) {
    for (String key : block.keySet()) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException(
            "slurm." + key + " is not a setting; use " + KEYS.stream().sorted().toList());
      }
    }
    Optional<String> shared = text(block, "shared_dir");
    if (shared.isEmpty()) {
      throw new IllegalArgumentException(
          "slurm.shared_dir is missing: name a folder the server and every node see at the same"
              + " path, e.g. shared_dir: /shared/omega");
    }
    return new SlurmSettings(
        Path.of(shared.get()),
        text(block, "partition"),
        text(block, "account"),
        text(block, "conf").map(Path::of),
        text(block, "bin_dir").map(Path::of));
  }

  private static Optional<String> text(Map<String, Object> block, String key) {
    Object value = block.get(key);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Map<?, ?> || value instanceof Iterable<?>) {
      throw new IllegalArgumentException("slurm." + key + " must be a single value");
    }
    String text = value.toString().strip();
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }
}
