package dev.omega.core.sync;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * One regular file in a snapshot.
 *
 * @param path relative to the project, {@code /}-separated
 * @param mtime last modification, in milliseconds since the epoch
 * @param sha256 the content's SHA-256, 64 lowercase hex digits
 */
public record FileEntry(String path, long size, long mtime, String sha256) {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  public FileEntry {
    RelativePath.check(path);
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative, was " + size);
    }
    requireNonNull(sha256, "sha256");
    if (!SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits: " + sha256);
    }
  }

  /** Same bytes, whatever the modification times. */
  public boolean sameContent(FileEntry other) {
    return other != null && size == other.size && sha256.equals(other.sha256);
  }
}
