package dev.omega.config;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-checks {@link IgnoreRules} against git itself: for generated directory trees with random
 * {@code .gitignore} files at several levels, the files a walker keeps (descending only into
 * directories that are not ignored) must be exactly the files {@code git ls-files --others
 * --exclude-standard} lists. Every mismatching case is reported with its tree, its ignore files and
 * the differing paths.
 *
 * <p>The generation is deterministic (fixed seed). git runs with no system or global configuration
 * ({@code GIT_CONFIG_NOSYSTEM}, an empty {@code HOME}) and a repository made without templates, so
 * no excludes file other than the generated {@code .gitignore} files is in force.
 */
class IgnoreRulesGitConformanceTest {

  private static final long SEED = 0x0E6A_1C0DEL;
  private static final int CASES = 500;

  private static final List<String> FILE_NAMES =
      List.of(
          "a",
          "b",
          "x",
          "build",
          "a.txt",
          "b.log",
          "c.tmp",
          "x.log",
          "keep.log",
          "d.tmp.txt",
          "#notes",
          "#",
          "!bang",
          "!",
          ".env",
          ".hidden.tmp",
          "file name.txt",
          "trail ",
          "trail",
          "two  spaces",
          "README",
          "ab.log",
          "UPPER.LOG",
          "a[1]",
          "star*",
          "q?",
          "back\\slash",
          "tab\tname",
          "sp ace",
          "\u00e9t\u00e9.txt");

  private static final List<String> DIR_NAMES =
      List.of(
          "a", "b", "x", "build", "src", "sub dir", "#d", "!d", ".cache", "logs", "out.log", "deep",
          "trail ", "a ");

  private static final List<String> EXTENSIONS = List.of("log", "tmp", "txt");

  /** The shapes of generated patterns; each generated pattern counts towards one. */
  enum Shape {
    PLAIN,
    EXTENSION,
    NEGATION,
    LEADING_SLASH,
    MIDDLE_SLASH,
    DIRECTORY_ONLY,
    LEADING_DOUBLE_STAR,
    TRAILING_DOUBLE_STAR,
    MIDDLE_DOUBLE_STAR,
    ESCAPED_HASH_OR_BANG,
    TRAILING_SPACES,
    ESCAPED_TRAILING_SPACE,
    WILDCARD,
    ESCAPED_WILDCARD,
    SPACE_BEFORE_SLASH,
    DOUBLE_TRAILING_SLASH,
    WHITELIST_IDIOM,
    ODD
  }

  @TempDir static Path scratch;

  @Test
  void keepsExactlyTheUntrackedFilesGitLists() throws Exception {
    Path home = Files.createDirectories(scratch.resolve("empty-home"));
    Random random = new Random(SEED);
    Map<Shape, Integer> shapes = new EnumMap<>(Shape.class);
    List<String> mismatches = new ArrayList<>();
    int files = 0;
    int ignoredByGit = 0;
    for (int i = 0; i < CASES; i++) {
      Case generated = Case.generate(random, shapes);
      Path dir = Files.createDirectory(scratch.resolve("case-" + i));
      try {
        generated.writeTo(dir);
        Set<String> byGit = syncable(untrackedByGit(dir, home));
        Set<String> byRules = keptByRules(dir);
        files += generated.allFiles().size();
        ignoredByGit += generated.allFiles().size() - byGit.size();
        if (!byGit.equals(byRules)) {
          mismatches.add(report(i, generated, dir, byGit, byRules));
        }
      } finally {
        deleteRecursively(dir);
      }
    }
    System.out.printf(
        "IgnoreRules vs git: %d cases, %d files (%d ignored by git), %d mismatching cases%n",
        CASES, files, ignoredByGit, mismatches.size());
    if (!mismatches.isEmpty()) {
      fail(
          mismatches.size()
              + " of "
              + CASES
              + " cases differ from git:\n\n"
              + String.join("\n", mismatches));
    }
    // The generator must really exercise the rules, both ways.
    assertThat(shapes).as("patterns generated per shape").hasSize(Shape.values().length);
    assertThat(shapes.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(20));
    assertThat(ignoredByGit).isBetween(files / 5, files - files / 5);
  }

  /** One generated tree: directories, files and the contents of its ignore files. */
  private record Case(
      List<String> directories, List<String> files, Map<String, String> gitignores) {

    static Case generate(Random random, Map<Shape, Integer> shapes) {
      List<String> directories = new ArrayList<>();
      List<String> files = new ArrayList<>();
      addEntries(random, "", 0, directories, files);
      Map<String, String> gitignores = new LinkedHashMap<>();
      List<String> candidates = new ArrayList<>();
      candidates.add("");
      candidates.addAll(directories);
      for (String dir : candidates) {
        if (random.nextInt(100) < (dir.isEmpty() ? 90 : 45)) {
          Patterns patterns = new Patterns(random, shapes, under(dir, directories, files));
          gitignores.put(dir, patterns.fileContent());
        }
      }
      return new Case(directories, files, gitignores);
    }

    private static void addEntries(
        Random random, String dir, int depth, List<String> directories, List<String> files) {
      Set<String> used = new TreeSet<>();
      int fileCount = 1 + random.nextInt(3);
      for (int k = 0; k < fileCount; k++) {
        String name = pick(random, FILE_NAMES);
        if (used.add(name)) {
          files.add(join(dir, name));
        }
      }
      int dirCount = depth == 0 ? 1 + random.nextInt(3) : depth < 3 ? random.nextInt(3) : 0;
      for (int k = 0; k < dirCount; k++) {
        String name = pick(random, DIR_NAMES);
        if (used.add(name)) {
          directories.add(join(dir, name));
          addEntries(random, join(dir, name), depth + 1, directories, files);
        }
      }
    }

    private static Under under(String dir, List<String> directories, List<String> files) {
      String prefix = dir.isEmpty() ? "" : dir + "/";
      List<String> dirs = new ArrayList<>();
      List<String> all = new ArrayList<>();
      for (String d : directories) {
        if (d.startsWith(prefix) && !d.equals(dir)) {
          dirs.add(d.substring(prefix.length()));
        }
      }
      for (String f : files) {
        if (f.startsWith(prefix)) {
          all.add(f.substring(prefix.length()));
        }
      }
      all.addAll(dirs);
      return new Under(dirs, all);
    }

    List<String> allFiles() {
      List<String> all = new ArrayList<>(files);
      for (String dir : gitignores.keySet()) {
        all.add(join(dir, ".gitignore"));
      }
      return all;
    }

    void writeTo(Path root) throws IOException {
      for (String d : directories) {
        Files.createDirectories(root.resolve(d));
      }
      for (String f : files) {
        Files.writeString(root.resolve(f), "content of " + f + "\n");
      }
      for (Map.Entry<String, String> e : gitignores.entrySet()) {
        Files.writeString(root.resolve(join(e.getKey(), ".gitignore")), e.getValue());
      }
    }
  }

  /** What lies below the directory of an ignore file, relative to that directory. */
  private record Under(List<String> directories, List<String> paths) {}

  /** Generates the lines of one .gitignore file. */
  private static final class Patterns {
    private final Random random;
    private final Map<Shape, Integer> shapes;
    private final Under under;

    Patterns(Random random, Map<Shape, Integer> shapes, Under under) {
      this.random = random;
      this.shapes = shapes;
      this.under = under;
    }

    String fileContent() {
      String newline = random.nextInt(20) == 0 ? "\r\n" : "\n";
      StringBuilder content = new StringBuilder();
      int count = 1 + random.nextInt(5);
      for (int k = 0; k < count; k++) {
        if (random.nextInt(8) == 0) {
          content.append(random.nextBoolean() ? "# a comment" : "").append(newline);
        }
        Shape shape = pick(random, Arrays.asList(Shape.values()));
        shapes.merge(shape, 1, Integer::sum);
        content.append(pattern(shape));
        if (k < count - 1 || random.nextInt(5) > 0) {
          content.append(newline);
        }
      }
      return content.toString();
    }

    private String pattern(Shape shape) {
      return switch (shape) {
        case PLAIN -> escape(name());
        case EXTENSION -> "*." + pick(random, EXTENSIONS);
        case NEGATION ->
            "!"
                + pattern(
                    pick(
                        random,
                        List.of(
                            Shape.PLAIN,
                            Shape.EXTENSION,
                            Shape.LEADING_SLASH,
                            Shape.MIDDLE_SLASH,
                            Shape.DIRECTORY_ONLY,
                            Shape.ESCAPED_HASH_OR_BANG,
                            Shape.WILDCARD)));
        case LEADING_SLASH -> "/" + (random.nextBoolean() ? escape(name()) : escape(path()));
        case MIDDLE_SLASH -> middleSlash();
        case DIRECTORY_ONLY -> escape(random.nextInt(3) == 0 ? name() : directoryName()) + "/";
        case LEADING_DOUBLE_STAR ->
            "**/" + (random.nextInt(3) == 0 ? escape(path()) : escape(name()));
        case TRAILING_DOUBLE_STAR ->
            (random.nextBoolean() ? escape(directoryName()) : escape(directoryPath())) + "/**";
        case MIDDLE_DOUBLE_STAR ->
            escape(directoryName()) + "/**/" + (random.nextBoolean() ? escape(name()) : "*.log");
        case ESCAPED_HASH_OR_BANG ->
            pick(
                random,
                List.of(
                    "\\#notes", "\\#", "\\!bang", "\\!", "\\#d", "\\!d", "\\#*", "\\!*", "\\#d/"));
        case TRAILING_SPACES ->
            pattern(pick(random, List.of(Shape.PLAIN, Shape.EXTENSION, Shape.DIRECTORY_ONLY)))
                + " ".repeat(1 + random.nextInt(3));
        case ESCAPED_TRAILING_SPACE ->
            pick(
                random,
                List.of(
                    "trail\\ ", "trail\\  ", "trail\\ /", "*\\ ", "/trail\\ ", "two \\ spaces"));
        case WILDCARD ->
            pick(
                random,
                List.of(
                    "b*",
                    "*.t*",
                    "?.txt",
                    "*x*",
                    "a.*",
                    "[ab].log",
                    "[!a]*.log",
                    "[a-c].log",
                    "*.[lt]*",
                    "[[:upper:]]*",
                    "*[[:space:]]*",
                    "[!]a]*",
                    "*.lo?",
                    "#*",
                    "*.LOG",
                    "a[1]",
                    "tab*",
                    "*\u00e9*"));
        case ESCAPED_WILDCARD ->
            pick(
                random,
                List.of(
                    "a\\[1\\]",
                    "star\\*",
                    "q\\?",
                    "back\\\\slash",
                    "*\\**",
                    "sp\\ ace",
                    "\\ a",
                    "\\a"));
        // JGit quirk 1 (see IgnoreRules.forJGit): spaces before the trailing slash
        case SPACE_BEFORE_SLASH ->
            pick(
                random,
                List.of(
                    "trail /", "a /", "trail  /", "\\#d /", "a/ /", "a \\ /", "!trail /", "/a /"));
        // JGit quirk 2 (see IgnoreRules.forJGit): more than one trailing slash
        case DOUBLE_TRAILING_SLASH ->
            pick(random, List.of("x//", "a //", "build//", "b.log//", "!x//", "logs///"));
        case WHITELIST_IDIOM ->
            pick(random, List.of("*\n!*/\n!*.txt", "/*\n!/src", "*.log\n!keep.log", "build/*\n!a"));
        case ODD ->
            pick(
                random,
                List.of(
                    "*",
                    "**",
                    "/**",
                    "**/",
                    "!*",
                    "/",
                    "!",
                    "*/",
                    "/*",
                    "**/*.log",
                    "*/*",
                    "!**/",
                    "a/**/",
                    "**/b/",
                    "**/x/**",
                    "b**",
                    "**.log",
                    "x/*/",
                    "*/b.log",
                    "/**/b.log",
                    "b/**/**/x",
                    "deep/**/*",
                    "*/**",
                    "a/**b",
                    "***",
                    "x//a",
                    "./a",
                    "src/../a",
                    "!!bang",
                    "\\",
                    "a\\",
                    " ",
                    "  a",
                    "[]]",
                    "x["));
      };
    }

    private String middleSlash() {
      List<String> deep = under.paths().stream().filter(p -> p.contains("/")).toList();
      String path =
          deep.isEmpty() || random.nextInt(4) == 0
              ? directoryName() + "/" + name()
              : pick(random, deep);
      String escaped = escape(path);
      return switch (random.nextInt(4)) {
        case 0 -> escaped.substring(0, escaped.lastIndexOf('/') + 1) + "*";
        case 1 -> escaped.substring(0, escaped.lastIndexOf('/') + 1) + "*.log";
        default -> escaped;
      };
    }

    /** A name mostly from below the ignore file's directory, so the pattern is likely to hit. */
    private String name() {
      if (under.paths().isEmpty() || random.nextInt(4) == 0) {
        return pick(random, random.nextBoolean() ? FILE_NAMES : DIR_NAMES);
      }
      String path = pick(random, under.paths());
      return path.substring(path.lastIndexOf('/') + 1);
    }

    private String directoryName() {
      String path = directoryPath();
      return path.substring(path.lastIndexOf('/') + 1);
    }

    private String directoryPath() {
      if (under.directories().isEmpty() || random.nextInt(4) == 0) {
        return pick(random, DIR_NAMES);
      }
      return pick(random, under.directories());
    }

    private String path() {
      return under.paths().isEmpty() ? name() : pick(random, under.paths());
    }
  }

  /**
   * Escapes a name or path for a pattern: a leading {@code #} or {@code !} (special only at the
   * start of a line) and a trailing space (dropped unless escaped).
   */
  private static String escape(String name) {
    String escaped = name;
    if (escaped.startsWith("#") || escaped.startsWith("!")) {
      escaped = "\\" + escaped;
    }
    if (escaped.endsWith(" ")) {
      escaped = escaped.substring(0, escaped.length() - 1) + "\\ ";
    }
    return escaped;
  }

  private static Set<String> untrackedByGit(Path dir, Path home)
      throws IOException, InterruptedException {
    run(dir, home, "git", "-c", "init.defaultBranch=main", "init", "-q", "--template=");
    byte[] out =
        run(
            dir,
            home,
            "git",
            "-c",
            "core.quotepath=off",
            "ls-files",
            "--others",
            "--exclude-standard",
            "-z");
    Set<String> paths = new TreeSet<>();
    for (String path : new String(out, UTF_8).split("\0")) {
      if (!path.isEmpty()) {
        paths.add(path);
      }
    }
    return paths;
  }

  private static byte[] run(Path dir, Path home, String... command)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("GIT_") || k.startsWith("XDG_"));
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("HOME", home.toString());
    env.put("LC_ALL", "C");
    Path errors = Files.createTempFile(scratch, "git", ".err");
    builder.redirectError(errors.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
    Process process = builder.start();
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail(String.join(" ", command) + " did not finish");
    }
    String stderr = Files.readString(errors);
    Files.delete(errors);
    if (process.exitValue() != 0) {
      fail(String.join(" ", command) + " failed (" + process.exitValue() + "): " + stderr);
    }
    return out;
  }

  /**
   * Git keeps names sync never carries (a backslash, a control character: they do not travel
   * between systems); the walker leaves those out on purpose, by a rule of its own.
   */
  private static Set<String> syncable(Set<String> paths) {
    Set<String> kept = new TreeSet<>();
    for (String path : paths) {
      try {
        kept.add(dev.omega.core.sync.RelativePath.check(path));
      } catch (IllegalArgumentException notSyncable) {
        // left out by ProjectWalker, not by an ignore rule
      }
    }
    return kept;
  }

  /**
   * The files the workspace's own walker keeps: it never enters a directory the rules leave out.
   */
  private static Set<String> keptByRules(Path root) {
    Set<String> kept = new TreeSet<>();
    new ProjectWalker(root, java.util.Optional.empty())
        .walk((file, onDisk) -> kept.add(file.path()), (path, why) -> {});
    return kept;
  }

  private static String report(
      int index, Case generated, Path dir, Set<String> byGit, Set<String> byRules)
      throws IOException {
    StringBuilder r = new StringBuilder();
    r.append("case ").append(index).append(" (seed ").append(SEED).append(")\n  tree:\n");
    Set<String> tree = new TreeSet<>(generated.allFiles());
    for (String d : generated.directories()) {
      tree.add(d + "/");
    }
    tree.forEach(p -> r.append("    \"").append(p).append("\"\n"));
    r.append("  ignore files:\n");
    for (Map.Entry<String, String> e : generated.gitignores().entrySet()) {
      r.append("    ").append(join(e.getKey(), ".gitignore")).append(":\n");
      String[] lines = e.getValue().split("\n", -1);
      for (int n = 0; n < lines.length; n++) {
        r.append("      ")
            .append(n + 1)
            .append(": \"")
            .append(lines[n].replace("\r", "\\r"))
            .append("\"\n");
      }
    }
    IgnoreRules rules = IgnoreRules.load(dir);
    Set<String> onlyGit = new TreeSet<>(byGit);
    onlyGit.removeAll(byRules);
    Set<String> onlyRules = new TreeSet<>(byRules);
    onlyRules.removeAll(byGit);
    r.append("  kept by git only:\n");
    for (String p : onlyGit) {
      r.append("    \"")
          .append(p)
          .append("\" left out by IgnoreRules: ")
          .append(rules.reason(p, false).orElse("?"))
          .append('\n');
    }
    r.append("  kept by IgnoreRules only:\n");
    onlyRules.forEach(p -> r.append("    \"").append(p).append("\"\n"));
    return r.toString();
  }

  private static String join(String dir, String name) {
    return dir.isEmpty() ? name : dir + "/" + name;
  }

  private static <T> T pick(Random random, List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
