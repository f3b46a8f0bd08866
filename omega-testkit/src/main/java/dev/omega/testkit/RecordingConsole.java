package dev.omega.testkit;

import dev.omega.core.port.Console;
import dev.omega.core.port.ConsoleEvent;
import java.util.ArrayList;
import java.util.List;

/** Records what the procedures show. This class is threadsafe. */
public final class RecordingConsole implements Console {
  private final List<ConsoleEvent> events = new ArrayList<>();

  @Override
  public synchronized void show(ConsoleEvent event) {
    events.add(event);
  }

  public synchronized List<ConsoleEvent> events() {
    return List.copyOf(events);
  }

  public synchronized <T extends ConsoleEvent> List<T> events(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** The log lines shown, as text, in order. */
  public synchronized List<String> logLines() {
    return events(ConsoleEvent.Log.class).stream().map(l -> l.line().text()).toList();
  }

  public synchronized void clear() {
    events.clear();
  }
}
