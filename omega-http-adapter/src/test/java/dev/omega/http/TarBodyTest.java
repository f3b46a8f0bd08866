package dev.omega.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omega.api.TarReader;
import dev.omega.core.sync.FileEntry;
import dev.omega.core.sync.Sha256;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TarBodyTest {
  private static final int CHUNK = 16 * 1024;

  @Test
  void eachReadFillsTheClientsBufferAcrossFileBoundariesUntilTheArchiveEnds() throws IOException {
    // Given: small files, each shorter than the HTTP client's 16 KiB chunk
    Map<String, byte[]> files = smallFiles(40);
    TarBody body = body(files);

    // When: read as the HTTP client reads a body, one chunk at a time
    List<Integer> reads = new ArrayList<>();
    ByteArrayOutputStream archive = new ByteArrayOutputStream();
    byte[] chunk = new byte[CHUNK];
    for (int n = body.read(chunk, 0, CHUNK); n >= 0; n = body.read(chunk, 0, CHUNK)) {
      reads.add(n);
      archive.write(chunk, 0, n);
    }

    // Then: every chunk but the last is full (not one header or one file's bytes per chunk)
    assertThat(archive.size()).isEqualTo(body.length());
    assertThat(reads.subList(0, reads.size() - 1)).allMatch(n -> n == CHUNK);
    assertThat(reads.getLast()).isBetween(1, CHUNK);
    assertThat(readBack(archive.toByteArray())).isEqualTo(digestsOf(files));
  }

  private static Map<String, byte[]> smallFiles(int count) {
    Random random = new Random(7);
    Map<String, byte[]> files = new TreeMap<>();
    for (int i = 0; i < count; i++) {
      byte[] bytes = new byte[1 + random.nextInt(3000)];
      random.nextBytes(bytes);
      files.put("src/f" + i + ".bin", bytes);
    }
    return files;
  }

  private static TarBody body(Map<String, byte[]> files) {
    List<FileEntry> entries = new ArrayList<>();
    files.forEach(
        (path, bytes) ->
            entries.add(new FileEntry(path, bytes.length, 1_700_000_000_000L, Sha256.hex(bytes))));
    return new TarBody(entries, entry -> new ByteArrayInputStream(files.get(entry.path())));
  }

  private static Map<String, String> readBack(byte[] archive) throws IOException {
    Map<String, String> read = new TreeMap<>();
    TarReader reader = new TarReader(new ByteArrayInputStream(archive));
    for (var next = reader.next(); next.isPresent(); next = reader.next()) {
      try (InputStream content = next.get().content()) {
        read.put(next.get().path(), Sha256.hex(content.readAllBytes()));
      }
    }
    return read;
  }

  private static Map<String, String> digestsOf(Map<String, byte[]> files) {
    Map<String, String> digests = new TreeMap<>();
    files.forEach((path, bytes) -> digests.put(path, Sha256.hex(bytes)));
    return digests;
  }
}
