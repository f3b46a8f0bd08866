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
    // One pass over the characters (every path of every snapshot comes through here); the
    // problems are reported in the order below whatever their order in the path.
    boolean control = false;
    boolean backslash = false;
    boolean badSegment = false;
    int segmentStart = 0;
    for (int i = 0; i <= path.length(); i++) {
      char c = i < path.length() ? path.charAt(i) : '/';
      if (c == '/') {
        badSegment |= isEmptyOrDots(path, segmentStart, i);
        segmentStart = i + 1;
      } else if (c < 0x20 || c == 0x7f) {
        control = true;
      } else if (c == '\\') {
        backslash = true;
      }
    }
    if (control) {
      throw new IllegalArgumentException("'" + shown(path) + "' contains a control character");
    }
    if (backslash) {
      throw new IllegalArgumentException("'" + shown(path) + "' contains a backslash");
    }
    if (badSegment) {
      throw new IllegalArgumentException(
          "'" + shown(path) + "' has an empty, '.' or '..' segment; sync stays inside the project");
    }
    return path;
  }

  private static boolean isEmptyOrDots(String path, int start, int end) {
    return switch (end - start) {
      case 0 -> true;
      case 1 -> path.charAt(start) == '.';
      case 2 -> path.charAt(start) == '.' && path.charAt(start + 1) == '.';
      default -> false;
    };
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
