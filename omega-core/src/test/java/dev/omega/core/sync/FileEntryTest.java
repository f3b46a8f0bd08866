package dev.omega.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileEntryTest {
  private static final String SHA = "0123456789abcdef".repeat(4);

  @Test
  void anEntryKeepsWhatItWasGiven() {
    // When
    FileEntry entry = new FileEntry("a/b.txt", 3, 1_000, SHA);

    // Then
    assertThat(entry.path()).isEqualTo("a/b.txt");
    assertThat(entry.sha256()).isEqualTo(SHA);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef",
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde",
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0",
        "g123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde/",
        ""
      })
  void aDigestThatIsNot64LowercaseHexDigitsIsRefused(String sha256) {
    assertThatThrownBy(() -> new FileEntry("a", 1, 0, sha256))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("64 lowercase hex digits");
  }

  @Test
  void anUnsafePathOrANegativeSizeIsRefused() {
    assertThatThrownBy(() -> new FileEntry("../a", 1, 0, SHA)).hasMessageContaining("segment");
    assertThatThrownBy(() -> new FileEntry("a", -1, 0, SHA)).hasMessageContaining("negative");
  }
}
