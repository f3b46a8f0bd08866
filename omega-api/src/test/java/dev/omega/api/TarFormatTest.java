package dev.omega.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omega.core.sync.FileEntry;
import dev.omega.core.sync.Sha256;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarFormatTest {
  private static final String LONG_PATH = "deep/" + "nested-folder/".repeat(12) + "é-file.txt";

  private static Map<String, byte[]> files() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("empty.txt", new byte[0]);
    files.put("one-block.bin", new byte[512]);
    files.put("odd.bin", "x".repeat(513).getBytes(StandardCharsets.UTF_8));
    files.put(
        LONG_PATH, "unicode and a path longer than 100 bytes".getBytes(StandardCharsets.UTF_8));
    return files;
  }

  private static List<FileEntry> entries(Map<String, byte[]> files) {
    List<FileEntry> entries = new ArrayList<>();
    files.forEach(
        (path, bytes) ->
            entries.add(new FileEntry(path, bytes.length, 1_700_000_000_123L, Sha256.hex(bytes))));
    return entries;
  }

  private static byte[] archive(Map<String, byte[]> files) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (FileEntry entry : entries(files)) {
      out.writeBytes(TarFormat.header(entry));
      out.writeBytes(files.get(entry.path()));
      out.writeBytes(new byte[TarFormat.padding(entry.size())]);
    }
    out.writeBytes(TarFormat.end());
    return out.toByteArray();
  }

  @Test
  void everyFileComesBackWithItsPathSizeTimeAndDigest() throws IOException {
    // Given
    Map<String, byte[]> files = files();
    byte[] archive = archive(files);
    // When
    TarReader reader = new TarReader(new ByteArrayInputStream(archive));
    Map<String, byte[]> read = new LinkedHashMap<>();
    List<FileEntry> described = new ArrayList<>();
    for (var next = reader.next(); next.isPresent(); next = reader.next()) {
      TarReader.Entry entry = next.get();
      byte[] bytes = entry.content().readAllBytes();
      read.put(entry.path(), bytes);
      described.add(
          new FileEntry(entry.path(), entry.size(), entry.mtimeMillis(), entry.sha256().get()));
    }
    // Then
    assertThat(read).containsOnlyKeys(files.keySet());
    files.forEach((path, bytes) -> assertThat(read.get(path)).isEqualTo(bytes));
    assertThat(described).isEqualTo(entries(files));
    assertThat((long) archive.length).isEqualTo(TarFormat.length(entries(files)));
  }

  @Test
  void aFileLeftUnreadIsSkippedToTheNext() throws IOException {
    TarReader reader = new TarReader(new ByteArrayInputStream(archive(files())));
    List<String> paths = new ArrayList<>();
    for (var next = reader.next(); next.isPresent(); next = reader.next()) {
      paths.add(next.get().path());
    }
    assertThat(paths).containsExactlyElementsOf(files().keySet());
  }

  @Test
  void gnuTarListsAndExtractsTheArchive(@TempDir Path dir) throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/tar")), "no tar on this machine");
    // Given
    Path archive = dir.resolve("files.tar");
    Files.write(archive, archive(files()));
    Path out = Files.createDirectory(dir.resolve("out"));
    // When
    Process tar =
        new ProcessBuilder(
                "/usr/bin/tar", "--warning=no-unknown-keyword", "-xf", archive.toString())
            .directory(out.toFile())
            .redirectErrorStream(true)
            .start();
    String said = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    // Then
    assertThat(tar.waitFor()).as(said).isZero();
    assertThat(out.resolve(LONG_PATH)).hasBinaryContent(files().get(LONG_PATH));
    assertThat(out.resolve("odd.bin")).hasBinaryContent(files().get("odd.bin"));
  }

  @Test
  void aDamagedHeaderIsRefused() {
    byte[] archive = archive(files());
    archive[10] ^= 1;
    assertThatThrownBy(() -> new TarReader(new ByteArrayInputStream(archive)).next())
        .isInstanceOf(TarReader.MalformedTarException.class)
        .hasMessageContaining("checksum");
  }

  @Test
  void anArchiveCutInsideAFileIsRefused() throws IOException {
    byte[] archive = archive(Map.of("a.bin", new byte[2000]));
    TarReader reader =
        new TarReader(new ByteArrayInputStream(java.util.Arrays.copyOf(archive, 1600)));
    Optional<TarReader.Entry> entry = reader.next();
    assertThatThrownBy(() -> entry.get().content().readAllBytes())
        .isInstanceOf(TarReader.MalformedTarException.class);
  }

  @Test
  void aSymbolicLinkEntryIsRefused() {
    byte[] archive = archive(Map.of("a.txt", new byte[1]));
    // The second block is the file's own header: make it a symbolic link, checksum fixed.
    int header = 1024;
    archive[header + 156] = '2';
    java.util.Arrays.fill(archive, header + 148, header + 156, (byte) ' ');
    long sum = 0;
    for (int i = header; i < header + 512; i++) {
      sum += archive[i] & 0xff;
    }
    byte[] octal = "%06o\0 ".formatted(sum).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(octal, 0, archive, header + 148, 8);
    assertThatThrownBy(() -> new TarReader(new ByteArrayInputStream(archive)).next())
        .isInstanceOf(TarReader.MalformedTarException.class)
        .hasMessageContaining("regular files");
  }
}
