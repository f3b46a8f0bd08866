package dev.omega.http;

import dev.omega.core.model.AgentId;
import dev.omega.core.model.TaskId;
import dev.omega.core.sync.RelativePath;
import java.nio.charset.StandardCharsets;

/** The API's routes below {@code /api/v1}, with their variable parts percent-encoded. */
final class Routes {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private Routes() {}

  static String agents() {
    return "/agents";
  }

  static String agent(AgentId id) {
    return "/agents/" + segment(id.toString());
  }

  static String tasks() {
    return "/tasks";
  }

  static String task(TaskId id) {
    return "/tasks/" + segment(id.toString());
  }

  static String logs(String owner, long offset, int limit) {
    return owner + "/logs?offset=" + offset + "&limit=" + limit;
  }

  /** {@code owner/files/<path>}: the file's {@code /} separators kept, each segment encoded. */
  static String file(String owner, String path) {
    RelativePath.check(path);
    StringBuilder route = new StringBuilder(owner).append("/files");
    for (String segment : path.split("/", -1)) {
      route.append('/').append(segment(segment));
    }
    return route.toString();
  }

  /**
   * One path segment, percent-encoded in UTF-8 except RFC 3986's unreserved characters: a space is
   * {@code %20} (never {@code +}), and {@code /}, {@code ?}, {@code #} and {@code %} are encoded.
   */
  static String segment(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
      }
    }
    return out.toString();
  }
}
