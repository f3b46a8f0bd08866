package dev.omega.core.sync;

import static java.util.Objects.requireNonNull;

/**
 * One regular file in a snapshot.
 *
 * @param path relative to the project, {@code /}-separated
 * @param mtime last modification, in milliseconds since the epoch
 * @param sha256 the content's SHA-256, 64 lowercase hex digits
 */
public record FileEntry(String path, long size, long mtime, String sha256) {
  public FileEntry {
    RelativePath.check(path);
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative, was " + size);
    }
    requireNonNull(sha256, "sha256");
    if (!isSha256(sha256)) {
      throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits: " + sha256);
    }
  }

  private static boolean isSha256(String text) {
    if (text.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = text.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  /** Same bytes, whatever the modification times. */
  public boolean sameContent(FileEntry other) {
    return other != null && size == other.size && sha256.equals(other.sha256);
  }
}
