package dev.omega.config;

import dev.omega.core.config.ConfigProblem;
import dev.omega.core.config.InvalidConfigException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a dotenv ({@code .env}) file with the rules python-dotenv and docker compose users expect.
 *
 * <ul>
 *   <li>Blank lines, and lines whose first non-blank character is {@code #}, are ignored.
 *   <li>Every other line is {@code KEY=VALUE}, optionally prefixed by {@code export }. KEY must
 *       match {@code [A-Za-z_][A-Za-z0-9_.-]*}. Whitespace around {@code =} and around an unquoted
 *       value is trimmed; {@code KEY=} gives the empty string.
 *   <li>An unquoted value ends at an inline comment, which needs whitespace before the {@code #}:
 *       {@code A=b #c} is {@code b}, but {@code A=b#c} is {@code b#c}.
 *   <li>A single-quoted value is literal (no escapes, no expansion) and may span lines.
 *   <li>A double-quoted value may span lines and understands the escapes {@code \n \r \t \" \\ \$};
 *       a backslash before any other character is kept as written.
 *   <li>After the closing quote of either kind, only whitespace or a {@code # comment} may follow.
 *   <li>In unquoted and double-quoted values, {@code ${VAR}} and {@code $VAR} expand to the value
 *       of a key defined <em>earlier in the same file</em>. An unknown variable (including one
 *       defined only later in the file) expands to the empty string; the process environment is not
 *       consulted. {@code \$} gives a literal dollar, and a {@code $} not followed by a name is
 *       kept.
 *   <li>A later duplicate key replaces the earlier value (the key keeps its first position).
 * </ul>
 *
 * <p>Every syntax error in the file (a line without {@code =}, an invalid key, text after a closing
 * quote, an unterminated quote) is collected and thrown together as one {@link
 * InvalidConfigException}. Each problem has the key {@code env_file} and a text starting with
 * {@code "<fileName> line <N>: "}; an unterminated quote is reported at the line where it opened
 * and ends the parse, since the rest of the file is then inside the quote.
 */
final class DotEnv {
  private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
  private static final Pattern EXPORT = Pattern.compile("^export\\s+");
  private static final Pattern INLINE_COMMENT = Pattern.compile("\\s#");
  private static final String VARIABLE =
      "|\\$\\{([A-Za-z_][A-Za-z0-9_.-]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)";
  private static final Pattern DOUBLE_QUOTED =
      Pattern.compile("\\\\(.)" + VARIABLE, Pattern.DOTALL);
  private static final Pattern UNQUOTED = Pattern.compile("\\\\(\\$)" + VARIABLE);

  private final List<String> lines;
  private final String fileName;
  private final Map<String, String> variables = new LinkedHashMap<>();
  private final List<ConfigProblem> problems = new ArrayList<>();
  private int next; // index of the next line to read; a quoted value may consume several

  private DotEnv(String text, String fileName) {
    this.lines = text.lines().toList();
    this.fileName = fileName;
  }

  /**
   * Parses the text of a dotenv file.
   *
   * @param text the file's content
   * @param fileName the file's name, used only in error messages
   * @return the variables in file order, unmodifiable
   * @throws InvalidConfigException listing every syntax error, each with its line number
   */
  static Map<String, String> parse(String text, String fileName) {
    DotEnv parser = new DotEnv(text, fileName);
    parser.parseLines();
    if (!parser.problems.isEmpty()) {
      throw new InvalidConfigException(parser.problems);
    }
    return Collections.unmodifiableMap(parser.variables);
  }

  private void parseLines() {
    while (next < lines.size()) {
      int lineNumber = next + 1;
      String line = lines.get(next++).stripLeading();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      line = EXPORT.matcher(line).replaceFirst("");
      int equals = line.indexOf('=');
      if (equals < 0) {
        // Values are never quoted back in a message: .env files hold secrets.
        problem(lineNumber, "the line is not a KEY=VALUE assignment", "write it as KEY=VALUE");
        continue;
      }
      String key = line.substring(0, equals).strip();
      String value = value(line.substring(equals + 1), lineNumber);
      if (!KEY.matcher(key).matches()) {
        problem(
            lineNumber,
            key.isEmpty() ? "there is no name before '='" : "'" + key + "' is not a valid name",
            "start the name with a letter or _ and use only letters, digits, _, . and -");
      } else if (value != null) {
        variables.put(key, value);
      }
    }
  }

  /** The value after {@code =}, or null when it has a syntax error (already reported). */
  private String value(String afterEquals, int lineNumber) {
    String trimmed = afterEquals.stripLeading();
    if (trimmed.startsWith("'") || trimmed.startsWith("\"")) {
      return quoted(trimmed.charAt(0), trimmed.substring(1), lineNumber);
    }
    Matcher comment = INLINE_COMMENT.matcher(afterEquals);
    String raw = comment.find() ? afterEquals.substring(0, comment.start()) : afterEquals;
    return expand(raw.strip(), UNQUOTED);
  }

  private String quoted(char quote, String text, int openingLine) {
    int close;
    while ((close = closingQuote(text, quote)) < 0) {
      if (next == lines.size()) {
        problem(
            openingLine,
            "the quote " + quote + " opened on this line is never closed",
            "end the value with a closing " + quote);
        return null;
      }
      text += "\n" + lines.get(next++);
    }
    String after = text.substring(close + 1).strip();
    if (!after.isEmpty() && !after.startsWith("#")) {
      problem(
          next,
          "there is text after the closing quote " + quote,
          "put that text inside the quotes, or start a comment after the value with #");
      return null;
    }
    String body = text.substring(0, close);
    return quote == '\'' ? body : expand(body, DOUBLE_QUOTED);
  }

  private static int closingQuote(String text, char quote) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == quote) {
        return i;
      }
      if (quote == '"' && text.charAt(i) == '\\') {
        i++; // the escaped character cannot close the value
      }
    }
    return -1;
  }

  private String expand(String value, Pattern syntax) {
    return syntax.matcher(value).replaceAll(m -> Matcher.quoteReplacement(replacement(m)));
  }

  private String replacement(MatchResult match) {
    if (match.group(1) == null) {
      String name = match.group(2) != null ? match.group(2) : match.group(3);
      return variables.getOrDefault(name, "");
    }
    return switch (match.group(1).charAt(0)) {
      case 'n' -> "\n";
      case 'r' -> "\r";
      case 't' -> "\t";
      case '"', '\\', '$' -> match.group(1);
      default -> match.group(); // an unknown escape is kept as written
    };
  }

  private void problem(int lineNumber, String what, String fix) {
    problems.add(
        new ConfigProblem("env_file", fileName + " line " + lineNumber + ": " + what, fix));
  }
}
