package dev.omega.core.procedure;

import dev.omega.core.sync.FileEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups a plan's uploads into batches, each sent in one exchange and retried as a whole: many
 * small files cost a few requests instead of one each, while a retry resends at most one batch.
 */
final class UploadBatches {
  /** A batch holds at most this many bytes, unless one file alone is larger. */
  static final long MAX_BYTES = 8L << 20;

  /** A batch holds at most this many files. */
  static final int MAX_FILES = 2_000;

  private UploadBatches() {}

  /** The entries in their order, cut into batches. */
  static List<List<FileEntry>> of(List<FileEntry> entries) {
    List<List<FileEntry>> batches = new ArrayList<>();
    List<FileEntry> current = new ArrayList<>();
    long bytes = 0;
    for (FileEntry entry : entries) {
      if (!current.isEmpty() && (current.size() == MAX_FILES || bytes + entry.size() > MAX_BYTES)) {
        batches.add(List.copyOf(current));
        current.clear();
        bytes = 0;
      }
      current.add(entry);
      bytes += entry.size();
    }
    if (!current.isEmpty()) {
      batches.add(List.copyOf(current));
    }
    return batches;
  }
}
