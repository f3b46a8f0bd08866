package dev.omega.config;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.ignore.FastIgnoreRule;

/**
 * The ignore rules of a project directory: which paths are left out of sync, and why.
 *
 * <p><b>Paths.</b> A path is relative to the project root, with {@code /} between its names, no
 * leading or trailing {@code /} and no {@code .} or {@code ..} names, together with whether it
 * names a directory (as in git, a symbolic link to a directory is not a directory).
 *
 * <p><b>Contract.</b> A path is left out when, checked in this order:
 *
 * <ol>
 *   <li>its first name is {@code .git} or {@code .omega} (reason {@value #ALWAYS_LEFT_OUT});
 *   <li>a directory above it is left out: its reason is that directory's reason. As in git, a
 *       negated pattern cannot bring back anything inside a left-out directory;
 *   <li>the ignore files say so. Every directory may hold a {@code .gitignore} and an {@code
 *       .omegaignore}, both in gitignore syntax (negation {@code !}, anchoring by a leading or
 *       middle {@code /}, directory-only patterns ending in {@code /}, {@code *}, {@code ?}, {@code
 *       **}, escapes {@code \#}, {@code \!}, {@code \ }, unescaped trailing spaces dropped, lines
 *       starting with {@code #} are comments). A directory's lines are its {@code .gitignore} lines
 *       followed by its {@code .omegaignore} lines, so that within one directory {@code
 *       .omegaignore} overrides {@code .gitignore}. The directories from the path's own directory
 *       up to the root are consulted deepest first; the first one with a matching line decides, and
 *       within it the last matching line wins. A matching plain line leaves the path out, a
 *       matching negated line keeps it; no matching line keeps it.
 * </ol>
 *
 * <p>Without {@code .omegaignore} files this is exactly what {@code git ls-files --others
 * --exclude-standard} decides for the files of a work tree, except that git's other sources of
 * excludes ({@code .git/info/exclude}, {@code core.excludesFile}) are not read. Like git, ignore
 * files that are symbolic links are not read, and an ignore file inside a left-out directory is
 * never read; a pattern git cannot parse (such as an unclosed {@code [}) matches nothing, as in git
 * (JGit logs it at ERROR level). {@code IgnoreRulesGitConformanceTest} checks this against git. The
 * patterns are matched by JGit's {@link FastIgnoreRule}, with two corrections where JGit reads a
 * directory-only pattern differently from git (see {@code forJGit}).
 *
 * <p><b>Walking.</b> An instance holds the rules in force in one directory: those of the root from
 * {@link #load(Path)}, those of a subdirectory from {@link #forChild(String)} on its parent's
 * instance, which reads that directory's two ignore files once. A walker asks {@link
 * #entryReason(String, boolean)} for each entry of the directory, does not descend into a directory
 * that is left out and descends into the others with {@link #forChild(String)}. Asking about a path
 * further down than an entry of the directory works too, but reads the ignore files of the
 * directories in between on each call. The rules are a snapshot: later changes to the ignore files
 * are not seen. Instances are immutable and safe to share between threads.
 */
final class IgnoreRules {

  /** The reason given for {@code .git} and {@code .omega} at the root and everything inside. */
  static final String ALWAYS_LEFT_OUT = "always left out";

  private static final String GITIGNORE = ".gitignore";
  private static final String OMEGAIGNORE = ".omegaignore";
  private static final Set<String> ALWAYS_LEFT_OUT_NAMES = Set.of(".git", ".omega");

  /** One effective line of an ignore file. */
  private record Line(FastIgnoreRule rule, String reason) {}

  private final Path root;
  private final String directory;
  private final IgnoreRules parent;
  private final List<Line> lines;
  private final Optional<String> leftOutBecause;

  private IgnoreRules(
      Path root,
      String directory,
      IgnoreRules parent,
      List<Line> lines,
      Optional<String> leftOutBecause) {
    this.root = root;
    this.directory = directory;
    this.parent = parent;
    this.lines = lines;
    this.leftOutBecause = leftOutBecause;
  }

  /**
   * Reads the ignore files of the project root.
   *
   * @param root the project directory
   * @return the rules in force in the root directory
   * @throws IOException if {@code root} is not a directory or an ignore file cannot be read
   */
  static IgnoreRules load(Path root) throws IOException {
    Path absolute = root.toAbsolutePath().normalize();
    if (!Files.isDirectory(absolute)) {
      throw new NoSuchFileException(absolute.toString(), null, "not a directory");
    }
    return new IgnoreRules(absolute, "", null, read(absolute, ""), Optional.empty());
  }

  /**
   * The rules in force in a subdirectory of this directory: these plus the subdirectory's own
   * ignore files, read now. When the subdirectory is itself left out, its files are not read and
   * everything inside is left out with the subdirectory's reason.
   *
   * @param name the name of the subdirectory (a single name, no {@code /})
   * @return the rules in force in that subdirectory
   * @throws IOException if an ignore file of the subdirectory cannot be read
   */
  IgnoreRules forChild(String name) throws IOException {
    if (name.isEmpty() || name.indexOf('/') >= 0 || name.equals(".") || name.equals("..")) {
      throw new IllegalArgumentException("not a directory name: \"" + name + "\"");
    }
    String path = directory.isEmpty() ? name : directory + "/" + name;
    Optional<String> because = decide(path, true);
    List<Line> childLines = because.isPresent() ? List.of() : read(root, path);
    return new IgnoreRules(root, path, this, childLines, because);
  }

  /**
   * The directory these rules are in force in, relative to the project root ({@code ""} for the
   * root).
   */
  String directory() {
    return directory;
  }

  /**
   * Whether a path is left out of sync.
   *
   * @param relativePath a path inside this instance's directory, relative to the project root
   * @param isDirectory whether the path names a directory
   * @return true if the path is left out
   * @throws IllegalArgumentException if the path is malformed or not inside this directory
   * @throws UncheckedIOException if the path lies deeper than an entry of this directory and an
   *     ignore file of a directory in between cannot be read
   */
  boolean isIgnored(String relativePath, boolean isDirectory) {
    return reason(relativePath, isDirectory).isPresent();
  }

  /**
   * Why a path is left out of sync: the deciding pattern with its file (relative to the project
   * root) and line, as in {@code "build/ (.gitignore line 3)"} or {@code "*.log (sub/.omegaignore
   * line 1)"}; {@value #ALWAYS_LEFT_OUT} for {@code .git} and {@code .omega}; for a path inside a
   * left-out directory, that directory's reason.
   *
   * @param relativePath a path inside this instance's directory, relative to the project root
   * @param isDirectory whether the path names a directory
   * @return the reason, or empty if the path is kept
   * @throws IllegalArgumentException if the path is malformed or not inside this directory
   * @throws UncheckedIOException if the path lies deeper than an entry of this directory and an
   *     ignore file of a directory in between cannot be read
   */
  Optional<String> reason(String relativePath, boolean isDirectory) {
    checkWellFormed(relativePath);
    String rest;
    if (directory.isEmpty()) {
      rest = relativePath;
    } else if (relativePath.startsWith(directory + "/")) {
      rest = relativePath.substring(directory.length() + 1);
    } else {
      throw new IllegalArgumentException(
          "\"" + relativePath + "\" is not inside \"" + directory + "\"");
    }
    IgnoreRules owner = this;
    int start = 0;
    for (int slash = rest.indexOf('/'); slash >= 0; slash = rest.indexOf('/', start)) {
      try {
        owner = owner.forChild(rest.substring(start, slash));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      start = slash + 1;
    }
    return owner.decide(relativePath, isDirectory);
  }

  /**
   * {@link #reason} for an entry of this directory, whose path is this directory's, a {@code /} and
   * its name: what a walker asks for every entry, without the checks a path from elsewhere needs.
   */
  Optional<String> entryReason(String entryPath, boolean isDirectory) {
    return decide(entryPath, isDirectory);
  }

  /** Decides for an entry of this directory. */
  private Optional<String> decide(String path, boolean isDirectory) {
    if (leftOutBecause.isPresent()) {
      return leftOutBecause;
    }
    if (parent == null && ALWAYS_LEFT_OUT_NAMES.contains(path)) {
      return Optional.of(ALWAYS_LEFT_OUT);
    }
    // git's order: the deepest directory with a matching line decides, and within one
    // directory the last matching line (JGit's IgnoreNode.checkIgnored does the same for one
    // directory; it is not used because it does not tell which line matched).
    for (IgnoreRules level = this; level != null; level = level.parent) {
      String local =
          level.directory.isEmpty() ? path : path.substring(level.directory.length() + 1);
      for (int i = level.lines.size() - 1; i >= 0; i--) {
        Line line = level.lines.get(i);
        // pathMatch = true: the pattern must match the path itself, not a directory above it;
        // directories above are dealt with by leftOutBecause.
        if (line.rule().isMatch(local, isDirectory, true)) {
          return line.rule().getResult() ? Optional.of(line.reason()) : Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  private static void checkWellFormed(String relativePath) {
    if (relativePath.isEmpty()
        || relativePath.startsWith("/")
        || relativePath.endsWith("/")
        || relativePath.contains("//")) {
      throw new IllegalArgumentException("not a relative path: \"" + relativePath + "\"");
    }
    for (String name : relativePath.split("/")) {
      if (name.equals(".") || name.equals("..")) {
        throw new IllegalArgumentException("not a relative path: \"" + relativePath + "\"");
      }
    }
  }

  /** Reads a directory's .gitignore and then its .omegaignore. */
  private static List<Line> read(Path root, String directory) throws IOException {
    List<Line> result = new ArrayList<>();
    for (String name : List.of(GITIGNORE, OMEGAIGNORE)) {
      String file = directory.isEmpty() ? name : directory + "/" + name;
      Path path = root.resolve(file);
      if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
        continue; // absent, or a symbolic link, which git does not read either
      }
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(path);
      } catch (NoSuchFileException gone) {
        continue;
      }
      parse(new String(bytes, UTF_8), file, result);
    }
    return List.copyOf(result);
  }

  /** Splits lines as git does: at LF only, one CR before it dropped, a leading BOM skipped. */
  private static void parse(String text, String file, List<Line> into) {
    int start = text.startsWith("\uFEFF") ? 1 : 0;
    int number = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      number++;
      String line = text.substring(start, end);
      start = end + 1;
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String pattern = line.substring(0, trailingSpacesStart(line));
      if (pattern.isEmpty() || pattern.endsWith("//")) {
        continue; // see forJGit
      }
      FastIgnoreRule rule = new FastIgnoreRule(forJGit(pattern));
      if (!rule.isEmpty()) {
        into.add(new Line(rule, pattern + " (" + file + " line " + number + ")"));
      }
    }
  }

  /**
   * Adapts a pattern for JGit's {@link FastIgnoreRule} where it reads directory-only patterns
   * differently from git (both found by {@code IgnoreRulesGitConformanceTest}):
   *
   * <ul>
   *   <li>JGit drops spaces right before the trailing {@code /}, so {@code "a /"} would match the
   *       directory {@code a}; git keeps it and matches the directory {@code "a "}. Those spaces
   *       are escaped here, which JGit reads as git does.
   *   <li>JGit strips every trailing {@code /}, so {@code "a//"} would match the directory {@code
   *       a}; git strips one, and the rest, ending in {@code /}, matches no path. The caller drops
   *       such lines.
   * </ul>
   */
  private static String forJGit(String pattern) {
    if (!pattern.endsWith("/")) {
      return pattern;
    }
    String body = pattern.substring(0, pattern.length() - 1);
    int spaces = trailingSpacesStart(body);
    return body.substring(0, spaces) + "\\ ".repeat(body.length() - spaces) + "/";
  }

  /**
   * Where the run of trailing spaces that are not escaped with a backslash starts: the length of
   * the pattern git reads from a line ({@code line.length()} if there are none).
   */
  private static int trailingSpacesStart(String line) {
    int lastSpace = -1;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == ' ') {
        if (lastSpace < 0) {
          lastSpace = i;
        }
      } else if (c == '\\') {
        i++;
        if (i >= line.length()) {
          return line.length();
        }
        lastSpace = -1;
      } else {
        lastSpace = -1;
      }
    }
    return lastSpace < 0 ? line.length() : lastSpace;
  }
}
