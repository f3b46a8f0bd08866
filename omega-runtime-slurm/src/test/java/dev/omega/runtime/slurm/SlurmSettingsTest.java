package dev.omega.runtime.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The server's {@code slurm:} block: what it reads, and how it says what is wrong. */
class SlurmSettingsTest {
  @Test
  void readsEveryKey() {
    // When
    SlurmSettings settings =
        SlurmSettings.from(
            Map.of(
                "shared_dir", "/shared/omega/",
                "partition", "omega",
                "account", "research",
                "conf", "/etc/slurm/slurm.conf",
                "bin_dir", "/opt/slurm/bin"));
    // Then
    assertThat(settings)
        .isEqualTo(
            new SlurmSettings(
                Path.of("/shared/omega"),
                Optional.of("omega"),
                Optional.of("research"),
                Optional.of(Path.of("/etc/slurm/slurm.conf")),
                Optional.of(Path.of("/opt/slurm/bin"))));
  }

  @Test
  void aMissingSharedFolderIsRefusedWithAnExample() {
    assertThatThrownBy(() -> SlurmSettings.from(Map.of("partition", "omega")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("slurm.shared_dir is missing")
        .hasMessageContaining("shared_dir: /shared/omega");
  }

  @Test
  void aRelativeSharedFolderIsRefused() {
    assertThatThrownBy(() -> SlurmSettings.from(Map.of("shared_dir", "omega")))
        .hasMessageContaining("must be an absolute path the nodes see too");
  }

  @Test
  void anUnknownKeyIsRefusedNamingTheKnownOnes() {
    assertThatThrownBy(
            () -> SlurmSettings.from(Map.of("shared_dir", "/shared", "partitoin", "omega")))
        .hasMessageContaining("slurm.partitoin is not a setting")
        .hasMessageContaining("[account, bin_dir, conf, partition, shared_dir]");
  }

  @Test
  void aListWhereOneValueBelongsIsRefused() {
    assertThatThrownBy(
            () -> SlurmSettings.from(Map.of("shared_dir", "/shared", "partition", List.of("a"))))
        .hasMessageContaining("slurm.partition must be a single value");
  }
}
