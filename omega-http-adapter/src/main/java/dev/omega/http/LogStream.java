package dev.omega.http;

import dev.omega.core.model.LogLine;
import dev.omega.core.port.NetworkException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One connection to a live log ({@code GET .../watch}, Server-Sent Events). The server writes each
 * line as {@code id: <offset>}, {@code event: line}, {@code data: <text>}, a {@code : keep-alive}
 * comment every 15 s, and {@code event: end} once the process has ended.
 *
 * <p>From offset {@code k > 0} the request carries {@code Last-Event-ID: k-1}: the server resumes
 * after the line before {@code k}. Each line reaches the sink once, in order; a line the server
 * repeats (an offset below the next expected one) is dropped. The stream has no request timeout,
 * only the idle watchdog ({@code streamIdle}, 45 s by default): silence past it, or a stream that
 * closes before {@code end}, is a {@link NetworkException}, and the caller reconnects from the next
 * offset. This class never reconnects by itself.
 */
final class LogStream {
  private final Transport transport;
  private final String route;

  LogStream(Transport transport, String route) {
    this.transport = transport;
    this.route = route;
  }

  /** Hands every line from {@code offset} to {@code sink} and returns at the {@code end} event. */
  void follow(long offset, Consumer<LogLine> sink) throws InterruptedException {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative, was " + offset);
    }
    String what = "GET " + route;
    var request = transport.request(route).header("Accept", "text/event-stream").GET();
    request.header("Cache-Control", "no-cache");
    if (offset > 0) {
      request.header("Last-Event-ID", Long.toString(offset - 1));
    }
    long next = offset;
    Transport.Streamed stream =
        transport.open(what, request.build(), transport.timeouts().streamIdle());
    try (BodyStream body = stream.body()) {
      SseEvents events = new SseEvents(body);
      while (true) {
        Optional<SseEvents.Event> event = events.next();
        if (event.isEmpty()) {
          throw new NetworkException(
              what
                  + ": the log stream closed before the process ended; resume from offset "
                  + next);
        }
        switch (event.get().type()) {
          case "end" -> {
            return;
          }
          case "line" -> {
            long at = offsetOf(what, event.get(), next);
            if (at >= next) {
              sink.accept(new LogLine(at, event.get().data().replace('\n', '\r')));
              next = at + 1;
            }
          }
          default -> {
            // Another kind of event: not for this client.
          }
        }
      }
    } catch (InterruptedIOException e) {
      if (Thread.interrupted()) {
        throw new InterruptedException(what + ": interrupted");
      }
      throw transport.errors().fromFailure(what + " (at offset " + next + ")", e);
    } catch (IOException e) {
      throw transport.errors().fromFailure(what + " (at offset " + next + ")", e);
    }
  }

  private static long offsetOf(String what, SseEvents.Event event, long next) {
    if (event.id().isEmpty()) {
      return next;
    }
    try {
      return Long.parseLong(event.id().get().strip());
    } catch (NumberFormatException e) {
      throw Errors.badResponse(what, 200, "a line event whose id is not an offset");
    }
  }
}
