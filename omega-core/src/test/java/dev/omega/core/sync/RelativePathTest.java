package dev.omega.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RelativePathTest {
  @ParameterizedTest
  @ValueSource(strings = {"a", "a/b.txt", "src/.hidden", "a/..b", "...", "a/b c", "é/ß", "a/.b."})
  void safeRelativePathsAreAccepted(String path) {
    assertThat(RelativePath.check(path)).isEqualTo(path);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a//b", "a/", "./a", "a/.", "a/../b", "..", "/"})
  void emptyDotAndDotDotSegmentsAreRefused(String path) {
    assertThatThrownBy(() -> RelativePath.check(path))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(path.startsWith("/") ? "is absolute" : "segment");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\u0000b", "a/\tb", "a\u001f", "\u007f/a", "a\nb"})
  void controlCharactersAreRefusedAndShownEscaped(String path) {
    assertThatThrownBy(() -> RelativePath.check(path))
        .hasMessageContaining("contains a control character")
        .hasMessageContaining("\\u00");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\\b", "\\", "a/b\\"})
  void backslashesAreRefused(String path) {
    assertThatThrownBy(() -> RelativePath.check(path)).hasMessageContaining("backslash");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/etc/passwd"})
  void emptyAndAbsolutePathsAreRefused(String path) {
    assertThatThrownBy(() -> RelativePath.check(path))
        .hasMessageContaining(path.isEmpty() ? "must not be empty" : "is absolute");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../a\\b\u0001", "a\u0001/../b\\c", "\\/a\u0002/"})
  void aControlCharacterIsNamedFirstWhereverItIs(String path) {
    assertThatThrownBy(() -> RelativePath.check(path)).hasMessageContaining("control character");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../a\\b", "a//b\\c"})
  void aBackslashIsNamedBeforeABadSegment(String path) {
    assertThatThrownBy(() -> RelativePath.check(path)).hasMessageContaining("backslash");
  }
}
