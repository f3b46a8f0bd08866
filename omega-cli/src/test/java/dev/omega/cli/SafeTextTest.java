package dev.omega.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeTextTest {
  @Test
  void escapeSequencesAndNulAreShownInCaretNotation() {
    assertThat(SafeText.of("\u001b]0;retitled\u0007\u001b[2J\u0000"))
        .isEqualTo("^[]0;retitled^G^[[2J^@");
  }

  @Test
  void tabsCarriageReturnsAndUnicodeStayAsTheyAre() {
    assertThat(SafeText.of("a\tb\r10%\r20% caf\u00e9 \ufffd"))
        .isEqualTo("a\tb\r10%\r20% caf\u00e9 \ufffd");
  }

  @Test
  void deleteAndC1ControlsAreMadeVisible() {
    assertThat(SafeText.of("x\u007fy\u009bz")).isEqualTo("x^?y\\u009bz");
  }
}
