package dev.omega.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A tree of files made from a fixed seed: the same seed always gives the same paths, sizes and
 * bytes, so every run of the harness measures the same work.
 */
sealed interface Workload permits ManySmall, FewLarge {
  /** The name the table uses, e.g. {@code many-small}. */
  String name();

  /** Writes the tree under {@code root}, which must be empty or missing. */
  void generate(Path root) throws IOException;

  /**
   * Rewrites some files in place for round {@code round} (same paths and sizes, new bytes, a newer
   * modification time), the same files and bytes for the same round. Returns the paths changed.
   */
  List<String> change(Path root, int round) throws IOException;

  /** How many files {@link #generate} writes that sync sees (not the ignored ones). */
  int syncedFiles();

  /** How many bytes {@link #generate} writes in all. */
  long totalBytes();
}
