package dev.omega.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.omega.core.config.ConfigProblem;
import dev.omega.core.config.InvalidConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DotEnvTest {
  private static String file(String... lines) {
    return String.join("\n", lines) + "\n";
  }

  private static List<ConfigProblem> problems(String text) {
    try {
      DotEnv.parse(text, ".env");
    } catch (InvalidConfigException e) {
      return e.problems();
    }
    throw new AssertionError("expected an InvalidConfigException");
  }

  @Test
  void blankLinesAndCommentLinesAreIgnored() {
    // Given
    String text = file("# a comment", "", "   ", "   # an indented comment", "A=1");
    // When
    Map<String, String> env = DotEnv.parse(text, ".env");
    // Then
    assertThat(env).containsExactly(entry("A", "1"));
  }

  @Test
  void exportPrefixIsDropped() {
    // Given
    String text = file("export A=1", "export   B=2", "export=3");
    // When
    Map<String, String> env = DotEnv.parse(text, ".env");
    // Then
    assertThat(env).containsExactly(entry("A", "1"), entry("B", "2"), entry("export", "3"));
  }

  @Test
  void whitespaceAroundEqualsAndAroundUnquotedValueIsTrimmed() {
    // Given
    String text = file("  A  =  hello world  ", "B\t=\tx");
    // When
    Map<String, String> env = DotEnv.parse(text, ".env");
    // Then
    assertThat(env).containsExactly(entry("A", "hello world"), entry("B", "x"));
  }

  @Test
  void keyWithNothingAfterEqualsIsTheEmptyString() {
    // Given
    String text = file("A=", "B=   ", "C=\"\"", "D=''");
    // When
    Map<String, String> env = DotEnv.parse(text, ".env");
    // Then
    assertThat(env).containsExactly(entry("A", ""), entry("B", ""), entry("C", ""), entry("D", ""));
  }

  @Test
  void keysMayContainDigitsDotsAndDashesAfterTheFirstCharacter() {
    // Given
    String text = file("_a.b-c9=1", "Z=2");
    // When
    Map<String, String> env = DotEnv.parse(text, ".env");
    // Then
    assertThat(env).containsExactly(entry("_a.b-c9", "1"), entry("Z", "2"));
  }

  @Test
  void unquotedValueEndsAtAHashPrecededByWhitespace() {
    // Given
    String text = file("A=value # comment", "B=value\t# comment", "C=a#b", "D= # only a comment");
    // When
    Map<String, String> env = DotEnv.parse(text, ".env");
    // Then
    assertThat(env)
        .containsExactly(
            entry("A", "value"), entry("B", "value"), entry("C", "a#b"), entry("D", ""));
  }

  @Test
  void hashInsideQuotesIsPartOfTheValue() {
    // Given
    String text = file("A=\"x # not a comment\"", "B='y # not a comment'");
    // When
    Map<String, String> env = DotEnv.parse(text, ".env");
    // Then
    assertThat(env)
        .containsExactly(entry("A", "x # not a comment"), entry("B", "y # not a comment"));
  }

  @Test
  void commentOrWhitespaceMayFollowTheClosingQuote() {
    // Given
    String text = file("A=\"x\"   ", "B=\"y\" # comment", "C='z'# comment");
    // When
    Map<String, String> env = DotEnv.parse(text, ".env");
    // Then
    assertThat(env).containsExactly(entry("A", "x"), entry("B", "y"), entry("C", "z"));
  }

  @Test
  void quotedValueKeepsItsInnerWhitespace() {
    // Given
    String text = file("A=\"  padded  \"", "B='  padded  '");
    // When
    Map<String, String> env = DotEnv.parse(text, ".env");
    // Then
    assertThat(env).containsExactly(entry("A", "  padded  "), entry("B", "  padded  "));
  }

  @Test
  void singleQuotedValueIsLiteralWithoutEscapesOrExpansion() {
    // Given
    String text = file("HOME=/home/me", "A='$HOME ${HOME} \\n \\$ \\'");
    // When
    Map<String, String> env = DotEnv.parse(text, ".env");
    // Then
    assertThat(env.get("A")).isEqualTo("$HOME ${HOME} \\n \\$ \\");
  }

  @Test
  void singleQuotedValueMaySpanLines() {
    // Given
    String text = file("A='first", "second $X'", "B=2");
    // When
    Map<String, String> env = DotEnv.parse(text, ".env");
    // Then
    assertThat(env).containsExactly(entry("A", "first\nsecond $X"), entry("B", "2"));
  }

  @Test
  void doubleQuotedValueMaySpanSeveralLines() {
    // Given
    String text =
        file("KEY=\"-----BEGIN KEY-----", "line two", "", "-----END KEY-----\"", "AFTER=1");
    // When
    Map<String, String> env = DotEnv.parse(text, ".env");
    // Then
    assertThat(env)
        .containsExactly(
            entry("KEY", "-----BEGIN KEY-----\nline two\n\n-----END KEY-----"),
            entry("AFTER", "1"));
  }

  @Test
  void doubleQuotedValueUnderstandsTheEscapes() {
    // Given
    String text = file("A=\"n\\nr\\rt\\tq\\\"b\\\\d\\$X\"");
    // When
    Map<String, String> env = DotEnv.parse(text, ".env");
    // Then
    assertThat(env.get("A")).isEqualTo("n\nr\rt\tq\"b\\d$X");
  }

  @Test
  void unknownEscapeInDoubleQuotesIsKeptLiterally() {
    // Given
    String text = file("A=\"C:\\Users\\q\"");
    // When
    Map<String, String> env = DotEnv.parse(text, ".env");
    // Then
    assertThat(env.get("A")).isEqualTo("C:\\Users\\q");
  }

  @Test
  void escapedQuoteDoesNotCloseADoubleQuotedValue() {
    // Given
    String text = file("A=\"say \\\"hi\\\" # still inside\"");
    // When
    Map<String, String> env = DotEnv.parse(text, ".env");
    // Then
    assertThat(env.get("A")).isEqualTo("say \"hi\" # still inside");
  }

  @Test
  void variablesExpandFromEarlierKeysInUnquotedAndDoubleQuotedValues() {
    // Given
    String text =
        file("USER=ann", "HOST=db", "URL=postgres://${USER}@$HOST/x", "MSG=\"hi ${USER}, $HOST\"");
    // When
    Map<String, String> env = DotEnv.parse(text, ".env");
    // Then
    assertThat(env.get("URL")).isEqualTo("postgres://ann@db/x");
    assertThat(env.get("MSG")).isEqualTo("hi ann, db");
  }

  @Test
  void keyDefinedLaterInTheFileIsNotVisibleToExpansion() {
    // Given
    String text = file("A=before-${B}-after", "B=late");
    // When
    Map<String, String> env = DotEnv.parse(text, ".env");
    // Then
    assertThat(env).containsExactly(entry("A", "before--after"), entry("B", "late"));
  }

  @Test
  void unknownVariableExpandsToTheEmptyString() {
    // Given
    String text = file("A=x${NOPE}y$NOPE2", "B=\"[${NOPE}]\"");
    // When
    Map<String, String> env = DotEnv.parse(text, ".env");
    // Then
    assertThat(env).containsExactly(entry("A", "xy"), entry("B", "[]"));
  }

  @Test
  void bracedVariableMayNameADottedKey() {
    // Given
    String text = file("db.host=h", "A=${db.host}");
    // When
    Map<String, String> env = DotEnv.parse(text, ".env");
    // Then
    assertThat(env.get("A")).isEqualTo("h");
  }

  @Test
  void backslashDollarIsALiteralDollar() {
    // Given
    String text = file("X=1", "A=cost\\$X", "B=\"cost \\${X}\"");
    // When
    Map<String, String> env = DotEnv.parse(text, ".env");
    // Then
    assertThat(env.get("A")).isEqualTo("cost$X");
    assertThat(env.get("B")).isEqualTo("cost ${X}");
  }

  @Test
  void dollarNotFollowedByANameIsKeptAsWritten() {
    // Given
    String text = file("A=5$ and $1 and ${not valid}", "B=\"end$\"");
    // When
    Map<String, String> env = DotEnv.parse(text, ".env");
    // Then
    assertThat(env).containsExactly(entry("A", "5$ and $1 and ${not valid}"), entry("B", "end$"));
  }

  @Test
  void backslashesInUnquotedValuesAreLiteralExceptBeforeDollar() {
    // Given
    String text = file("A=C:\\new\\table");
    // When
    Map<String, String> env = DotEnv.parse(text, ".env");
    // Then
    assertThat(env.get("A")).isEqualTo("C:\\new\\table");
  }

  @Test
  void laterDuplicateKeyReplacesTheEarlierValue() {
    // Given
    String text = file("A=1", "B=2", "A=3");
    // When
    Map<String, String> env = DotEnv.parse(text, ".env");
    // Then
    assertThat(env).containsExactly(entry("A", "3"), entry("B", "2"));
  }

  @Test
  void keyMayExtendItsOwnEarlierValue() {
    // Given
    String text = file("PATH=/bin", "PATH=${PATH}:/usr/bin");
    // When
    Map<String, String> env = DotEnv.parse(text, ".env");
    // Then
    assertThat(env.get("PATH")).isEqualTo("/bin:/usr/bin");
  }

  @Test
  void variablesComeBackInFileOrderAndCannotBeModified() {
    // Given
    String text = file("Z=1", "A=2", "M=3");
    // When
    Map<String, String> env = DotEnv.parse(text, ".env");
    // Then
    assertThat(env.keySet()).containsExactly("Z", "A", "M");
    assertThatThrownBy(() -> env.put("B", "4")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void windowsLineEndingsAndAMissingFinalNewlineAreAccepted() {
    // Given
    String text = "A=1\r\nB=\"x\r\ny\"\r\nC=3";
    // When
    Map<String, String> env = DotEnv.parse(text, ".env");
    // Then
    assertThat(env).containsExactly(entry("A", "1"), entry("B", "x\ny"), entry("C", "3"));
  }

  @Test
  void emptyFileHasNoVariables() {
    // Given
    String text = "";
    // When
    Map<String, String> env = DotEnv.parse(text, ".env");
    // Then
    assertThat(env).isEmpty();
  }

  @Test
  void lineWithoutEqualsIsReportedWithItsLineNumber() {
    // Given
    String text = file("A=1", "# comment", "just some words");
    // When
    List<ConfigProblem> problems = problems(text);
    // Then
    assertThat(problems).hasSize(1);
    ConfigProblem problem = problems.get(0);
    assertThat(problem.key()).isEqualTo("env_file");
    assertThat(problem.problem()).startsWith(".env line 3: ").contains("KEY=VALUE");
    assertThat(problem.fix()).contains("KEY=VALUE");
  }

  @Test
  void invalidKeyIsReportedWithItsName() {
    // Given
    String text = file("1ABC=x", "MY KEY=y", "=z");
    // When
    List<ConfigProblem> problems = problems(text);
    // Then
    assertThat(problems)
        .extracting(ConfigProblem::problem)
        .containsExactly(
            ".env line 1: '1ABC' is not a valid name",
            ".env line 2: 'MY KEY' is not a valid name",
            ".env line 3: there is no name before '='");
    assertThat(problems).allSatisfy(p -> assertThat(p.fix()).contains("letter or _"));
  }

  @Test
  void unterminatedDoubleQuoteIsReportedAtTheLineWhereItOpened() {
    // Given
    String text = file("A=1", "B=2", "C=\"never closed", "D=4", "E=5");
    // When
    List<ConfigProblem> problems = problems(text);
    // Then
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).problem())
        .startsWith(".env line 3: ")
        .contains("quote \" opened on this line is never closed");
    assertThat(problems.get(0).fix()).contains("closing \"");
  }

  @Test
  void unterminatedSingleQuoteIsReportedAtTheLineWhereItOpened() {
    // Given
    String text = file("A=1", "B='open", "C=3");
    // When
    List<ConfigProblem> problems = problems(text);
    // Then
    assertThat(problems)
        .extracting(ConfigProblem::problem)
        .containsExactly(".env line 2: the quote ' opened on this line is never closed");
  }

  @Test
  void textAfterTheClosingQuoteIsReportedAtTheClosingLineWithoutEchoingTheValue() {
    // Given
    String text = file("A=\"secret\"garbage", "B=\"multi", "line\" trailing", "C='x' y");
    // When
    List<ConfigProblem> problems = problems(text);
    // Then
    assertThat(problems)
        .extracting(ConfigProblem::problem)
        .containsExactly(
            ".env line 1: there is text after the closing quote \"",
            ".env line 3: there is text after the closing quote \"",
            ".env line 4: there is text after the closing quote '");
    assertThat(problems.toString()).doesNotContain("secret", "garbage");
  }

  @Test
  void everySyntaxErrorInTheFileIsReportedAtOnce() {
    // Given
    String text =
        file(
            "GOOD=1",
            "no equals here",
            "bad key=2",
            "Q=\"ok\" junk",
            "MULTI=\"a",
            "b\"",
            "OPEN='never closed",
            "LAST=1");
    // When
    List<ConfigProblem> problems = problems(text);
    // Then
    assertThat(problems).extracting(ConfigProblem::key).containsOnly("env_file");
    assertThat(problems)
        .extracting(p -> p.problem().substring(0, p.problem().indexOf(':')))
        .containsExactly(".env line 2", ".env line 3", ".env line 4", ".env line 7");
    assertThat(problems).allSatisfy(p -> assertThat(p.fix()).isNotBlank());
  }

  @Test
  void problemTextNamesTheFileItWasGiven() {
    // Given
    String text = file("oops");
    // When / Then
    assertThatThrownBy(() -> DotEnv.parse(text, "config/prod.env"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("env_file: config/prod.env line 1: ");
  }
}
