package dev.omega.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerArchiveTest {
  private static final Instant BUILT = Instant.parse("2026-11-28T10:00:00Z");

  @TempDir Path dir;

  private Path jarAt(Instant built) throws Exception {
    Path jar = Files.writeString(dir.resolve("omega.jar"), "jar");
    Files.setLastModifiedTime(jar, FileTime.from(built));
    return jar;
  }

  private void archiveAt(String name, Instant made) throws Exception {
    Files.setLastModifiedTime(Files.writeString(dir.resolve(name), "archive"), FileTime.from(made));
  }

  @Test
  void anAotCacheMadeAfterTheJarIsMappedOnJdk25() throws Exception {
    ServerArchive archive = new ServerArchive(Optional.of(jarAt(BUILT)), 25);
    archiveAt("omega-server.aot", BUILT.plusSeconds(30));

    assertThat(archive.flagsToUse())
        .containsExactly(
            "-XX:AOTCache=" + dir.resolve("omega-server.aot"), "-Xlog:aot=off", "-Xlog:cds=off");
    assertThat(archive.flagsToWrite(dir.resolve("staged")))
        .first()
        .isEqualTo("-XX:AOTCacheOutput=" + dir.resolve("staged"));
  }

  @Test
  void anAppCdsArchiveServesAJdkBefore25() throws Exception {
    ServerArchive archive = new ServerArchive(Optional.of(jarAt(BUILT)), 21);
    archiveAt("omega-server.jsa", BUILT.plusSeconds(30));

    assertThat(archive.flagsToUse())
        .startsWith("-XX:SharedArchiveFile=" + dir.resolve("omega-server.jsa"), "-Xshare:auto");
    assertThat(archive.flagsToWrite(dir.resolve("staged")))
        .first()
        .isEqualTo("-XX:ArchiveClassesAtExit=" + dir.resolve("staged"));
  }

  @Test
  void anArchiveOlderThanTheJarIsLeftAlone() throws Exception {
    ServerArchive archive = new ServerArchive(Optional.of(jarAt(BUILT)), 25);
    archiveAt("omega-server.aot", BUILT.minusSeconds(30));

    assertThat(archive.flagsToUse()).isEmpty();
  }

  @Test
  void noArchiveMeansNoFlags() throws Exception {
    ServerArchive archive = new ServerArchive(Optional.of(jarAt(Instant.now())), 25);

    assertThat(archive.flagsToUse()).isEmpty();
  }

  @Test
  void aClassPathOfFoldersHasNoArchive() {
    ServerArchive archive = new ServerArchive(Optional.empty(), 25);

    assertThat(archive.file()).isEmpty();
    assertThat(archive.flagsToUse()).isEmpty();
  }

  @Test
  void theLaunchersSwitchTurnsTheServersArchiveOffToo() {
    assertThat(ServerArchive.ofThisJvm(Map.of("OMEGA_NO_CDS", "1")).file()).isEmpty();
  }
}
