package dev.omega.cli;

import com.beust.jcommander.Parameter;
import java.nio.file.Path;

/** The options every command takes. */
final class GlobalOptions {
  @Parameter(names = "--dir", description = "The project directory (default: the current one)")
  Path dir = Path.of("");

  @Parameter(names = "--yes", description = "Answer yes to every question")
  boolean yes;

  @Parameter(names = "--no", description = "Answer no to every question")
  boolean no;

  @Parameter(names = "--verbose", description = "Show each step's detail, retries included")
  boolean verbose;

  @Parameter(names = "--help", help = true, description = "Show this help")
  boolean help;

  @Parameter(names = "--version", description = "Show Omega's version")
  boolean version;
}
