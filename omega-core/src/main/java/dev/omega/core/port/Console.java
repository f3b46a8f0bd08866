package dev.omega.core.port;

/** Shows the user what happens. Implementations are threadsafe. */
public interface Console {
  void show(ConsoleEvent event);
}
