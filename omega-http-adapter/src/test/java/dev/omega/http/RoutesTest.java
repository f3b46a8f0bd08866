package dev.omega.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RoutesTest {
  @Test
  void fileSegmentsArePercentEncodedAndSlashesKept() {
    assertThat(Routes.file("/agents/x", "dir/a b#?.txt"))
        .isEqualTo("/agents/x/files/dir/a%20b%23%3F.txt");
    assertThat(Routes.file("/tasks/y", "100%/é+&=;.csv"))
        .isEqualTo("/tasks/y/files/100%25/%C3%A9%2B%26%3D%3B.csv");
    assertThat(Routes.segment("A-z_0.9~")).isEqualTo("A-z_0.9~");
  }

  @Test
  void aPathThatLeavesTheProjectIsRefused() {
    assertThatThrownBy(() -> Routes.file("/agents/x", "../etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
