package dev.omega.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Server-Sent Events read from a stream (the WHATWG event stream format): {@code field: value}
 * lines, a blank line ends an event, lines starting with {@code :} are comments (keep-alives).
 * Lines end with LF, CR or CRLF; several {@code data} lines join with LF.
 */
final class SseEvents {
  /**
   * One event.
   *
   * @param id its {@code id} field, when it had one
   * @param type its {@code event} field, {@code message} when it had none
   */
  record Event(Optional<String> id, String type, String data) {}

  private final BufferedReader lines;

  SseEvents(InputStream in) {
    this.lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  /** The next event, or empty when the stream ended (an unfinished event is dropped). */
  Optional<Event> next() throws IOException {
    String id = null;
    String type = null;
    StringBuilder data = null;
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      if (line.isEmpty()) {
        if (type != null || data != null) {
          return Optional.of(
              new Event(
                  Optional.ofNullable(id),
                  type == null || type.isEmpty() ? "message" : type,
                  data == null ? "" : data.toString()));
        }
        continue;
      }
      if (line.startsWith(":")) {
        continue;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      switch (field) {
        case "id" -> id = value;
        case "event" -> type = value;
        case "data" ->
            data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
        default -> {
          // retry and unknown fields: nothing to do
        }
      }
    }
    return Optional.empty();
  }
}
