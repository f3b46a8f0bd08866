package dev.omega.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How a Lab agent runs Jupyter: {@code jupyter lab} where installed, else {@code jupyter notebook}.
 */
final class Jupyter {
  private Jupyter() {}

  /** Jupyter on {@code address} (the agent's host's: 127.0.0.1 locally, a node's on a cluster). */
  static String command(String address, int port, String token) {
    // --allow-root: the local platform may well run as root (a container, CI).
    String options = " --no-browser --allow-root --ip=" + address + " --port=" + port;
    if (find("jupyter-lab").isPresent()) {
      return "exec jupyter lab" + options + " --ServerApp.token=" + token;
    }
    if (find("jupyter-notebook").isPresent()) {
      return "exec jupyter notebook" + options + " --NotebookApp.token=" + token;
    }
    throw new ApiProblem(
        422,
        "jupyter-missing",
        "a Lab needs Jupyter on the server's machine, and it has none. Install it (Debian:"
            + " apt-get install jupyter-notebook; elsewhere: pip install jupyterlab), then run again.");
  }

  private static Optional<Path> find(String program) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String dir : path.split(":")) {
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
