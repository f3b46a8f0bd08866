package dev.omega.core.sync;

/**
 * Checks the paths that sync moves: relative, {@code /}-separated, no {@code .} or {@code ..}
 * segments, no backslash, no control characters. Both the client and the platform refuse anything
 * else before touching a disk.
 */
public final class RelativePath {
  private RelativePath() {}

  /**
   * Returns the path when it is a safe relative path.
   *
   * @throws IllegalArgumentException naming what is wrong with it
   */
  public static String check(String path) {
    if (path == null || path.isEmpty()) {
      throw new IllegalArgumentException("a file path must not be empty");
    }
    if (path.startsWith("/")) {
      throw new IllegalArgumentException(
          "'" + shown(path) + "' is absolute; sync takes relative paths");
    }
    if (path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new IllegalArgumentException("'" + shown(path) + "' contains a control character");
    }
    if (path.indexOf('\\') >= 0) {
      throw new IllegalArgumentException("'" + shown(path) + "' contains a backslash");
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException(
            "'"
                + shown(path)
                + "' has an empty, '.' or '..' segment; sync stays inside the project");
      }
    }
    return path;
  }

  /** The path quoted in a message, its control characters escaped so that they print safely. */
  static String shown(String path) {
    StringBuilder text = new StringBuilder(path.length());
    path.chars()
        .forEach(
            c -> {
              if (c < 0x20 || c == 0x7f) {
                text.append(String.format("\\u%04x", c));
              } else {
                text.append((char) c);
              }
            });
    return text.toString();
  }
}
