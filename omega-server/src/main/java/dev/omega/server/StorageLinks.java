package dev.omega.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The named shared folders under the runtime's files root (the data folder, or a cluster's shared
 * folder), linked into a workspace at {@code storage/<name>}; sync never sees them.
 */
final class StorageLinks {
  /** The workspace folder that holds the links. */
  static final String FOLDER = "storage";

  private StorageLinks() {}

  static void link(Path filesRoot, Path workspace, List<String> names) throws IOException {
    if (names.isEmpty()) {
      return;
    }
    Path links = workspace.resolve(FOLDER);
    Files.createDirectories(links);
    for (String name : names) {
      Path shared = filesRoot.resolve("storage").resolve(name);
      Files.createDirectories(shared);
      Path link = links.resolve(name);
      if (!Files.exists(link)) {
        Files.createSymbolicLink(link, shared);
      }
    }
  }
}
