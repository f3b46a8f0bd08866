package dev.omega.config;

import dev.omega.config.DigestCache.Stamp;
import dev.omega.core.sync.RelativePath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Walks the project directory and decides, for every entry, whether sync sees it: regular files
 * only (symbolic links are neither followed nor synced), not what {@link IgnoreRules} leaves out,
 * not the env file, not an unfinished download. Paths are given in Unicode NFC, so a project moved
 * between macOS and Linux does not look changed.
 */
final class ProjectWalker {
  /** A file sync sees: its NFC path and what identifies this version of it. */
  record File(String path, Stamp stamp, long mtimeMillis) {}

  /** Receives each file with its path as found on disk. */
  interface FileVisitor {
    void visit(File file, String pathOnDisk);
  }

  /** Why a name whose bytes are not UTF-8 is left out: no other system could be told its name. */
  static final String NOT_UTF8 =
      "its name is not valid UTF-8, so sync cannot carry it: rename it (e.g. with convmv)";

  private final Path root;
  private final Optional<String> envFile;

  ProjectWalker(Path root, Optional<String> envFile) {
    this.root = root;
    this.envFile = envFile.map(f -> Normalizer.normalize(f, Normalizer.Form.NFC));
  }

  void walk(FileVisitor files, BiConsumer<String, String> leftOut) {
    try {
      walk(root, "", IgnoreRules.load(root), files, leftOut);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the project folder: " + e.getMessage(), e);
    }
  }

  private void walk(
      Path dir,
      String relDir,
      IgnoreRules rules,
      FileVisitor files,
      BiConsumer<String, String> leftOut)
      throws IOException {
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      stream.forEach(children::add);
    }
    children.sort(null);
    for (Path child : children) {
      String name = child.getFileName().toString();
      String rel = relDir.isEmpty() ? name : relDir + "/" + name;
      BasicFileAttributes attributes =
          Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      boolean isDirectory = attributes.isDirectory();
      // A name that reads back as the same path came as valid UTF-8 (an ASCII one always did).
      boolean utf8 = isAscii(name) || child.equals(dir.resolve(name));
      String path = nfc(rel);
      Optional<String> why =
          utf8 ? reason(rel, path, name, attributes, rules) : Optional.of(NOT_UTF8);
      if (why.isPresent()) {
        leftOut.accept(rel, why.get());
      } else if (isDirectory) {
        walk(child, rel, rules.forChild(name), files, leftOut);
      } else {
        Stamp stamp = Stamp.of(attributes);
        files.visit(new File(path, stamp, attributes.lastModifiedTime().toMillis()), rel);
      }
    }
  }

  /**
   * Why sync leaves this path out, as if it were a file: its ignore rules (at every level above
   * it), the env file, or a name sync cannot carry. Empty when sync sees it.
   */
  Optional<String> leftOutBecause(String path) {
    try {
      Optional<String> ignored = IgnoreRules.load(root).reason(path, false);
      if (ignored.isPresent()) {
        return ignored;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the project's ignore files: " + e.getMessage(), e);
    }
    if (envFile.equals(Optional.of(nfc(path)))) {
      return Optional.of("the env file: its values travel through the API, never as a file");
    }
    return path.contains(LocalWorkspace.PARTIAL_MARK)
        ? Optional.of("an unfinished download")
        : Optional.empty();
  }

  private Optional<String> reason(
      String rel, String path, String name, BasicFileAttributes attributes, IgnoreRules rules) {
    if (attributes.isSymbolicLink()) {
      return Optional.of("a symbolic link: sync neither follows nor copies links");
    }
    if (!attributes.isDirectory() && !attributes.isRegularFile()) {
      return Optional.of("not a regular file");
    }
    if (name.contains(LocalWorkspace.PARTIAL_MARK)) {
      return Optional.of("an unfinished download");
    }
    Optional<String> ignored = rules.entryReason(rel, attributes.isDirectory());
    if (ignored.isPresent()) {
      return ignored;
    }
    if (!attributes.isDirectory() && envFile.isPresent() && envFile.get().equals(path)) {
      return Optional.of("the env file: its values travel through the API, never as a file");
    }
    try {
      RelativePath.check(path);
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
    return Optional.empty();
  }

  private static String nfc(String path) {
    return isAscii(path) ? path : Normalizer.normalize(path, Normalizer.Form.NFC);
  }

  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }
}
