package dev.omega.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every file and link of a project folder, byte for byte, taken before a command that must change
 * nothing: {@link #check} fails on any file added, removed or changed (the configuration file
 * included), and on any temporary or partial file left behind.
 */
final class Untouched {
  private final Path root;
  private final Map<String, String> before;

  private Untouched(Path root, Map<String, String> before) {
    this.root = root;
    this.before = before;
  }

  static Untouched of(Path root) throws IOException {
    return new Untouched(root, read(root));
  }

  void check() throws IOException {
    Map<String, String> after = read(root);
    assertThat(after.keySet())
        .as("no temporary or partial file left in %s", root)
        .noneMatch(p -> p.contains(".omega-tmp-") || p.contains(".omega-partial-"));
    assertThat(after).as("the files of %s", root).isEqualTo(before);
  }

  private static Map<String, String> read(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.toList()) {
        String rel = root.relativize(p).toString();
        if (Files.isSymbolicLink(p)) {
          files.put(rel, "link to " + Files.readSymbolicLink(p));
        } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          files.put(rel, Arrays.toString(Files.readAllBytes(p)));
        } else if (!rel.isEmpty()) {
          files.put(rel, "folder");
        }
      }
    }
    return files;
  }
}
