package dev.omega.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omega.server.runtime.LocalProcessRuntime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code runtime:} in the server's YAML. */
class RuntimeSelectionTest {
  @Test
  void noRuntimeOrLocalIsThisMachine() {
    assertThat(RuntimeSelection.select(null, Map.of())).isInstanceOf(LocalProcessRuntime.class);
    assertThat(RuntimeSelection.select("local", Map.of())).isInstanceOf(LocalProcessRuntime.class);
  }

  @Test
  void aRuntimeNoProviderHasIsRefusedNamingThoseThereAre() {
    assertThatThrownBy(() -> RuntimeSelection.select("kubernetes", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("runtime: 'kubernetes' is not available in this server")
        .hasMessageContaining("choose one of [local");
  }
}
