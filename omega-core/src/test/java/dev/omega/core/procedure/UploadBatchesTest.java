package dev.omega.core.procedure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omega.core.sync.FileEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UploadBatchesTest {
  private static FileEntry file(int i, long size) {
    return new FileEntry("f" + i, size, 0, "0".repeat(64));
  }

  @Test
  void manySmallFilesGoInBatchesOfAtMostMaxFilesInTheirOrder() {
    // Given
    List<FileEntry> entries =
        IntStream.range(0, UploadBatches.MAX_FILES * 2 + 1).mapToObj(i -> file(i, 10)).toList();
    // When
    List<List<FileEntry>> batches = UploadBatches.of(entries);
    // Then
    assertThat(batches).extracting(List::size).containsExactly(2000, 2000, 1);
    assertThat(batches.stream().flatMap(List::stream).toList()).isEqualTo(entries);
  }

  @Test
  void aBatchStaysWithinMaxBytesAndALargerFileGoesAlone() {
    // Given
    long half = UploadBatches.MAX_BYTES / 2;
    List<FileEntry> entries =
        List.of(
            file(0, half),
            file(1, half),
            file(2, 1),
            file(3, UploadBatches.MAX_BYTES * 3),
            file(4, 1));
    // When
    List<List<FileEntry>> batches = UploadBatches.of(entries);
    // Then
    List<List<String>> paths = new ArrayList<>();
    batches.forEach(b -> paths.add(b.stream().map(FileEntry::path).toList()));
    assertThat(paths)
        .containsExactly(List.of("f0", "f1"), List.of("f2"), List.of("f3"), List.of("f4"));
  }

  @Test
  void noUploadsMakeNoBatch() {
    assertThat(UploadBatches.of(List.of())).isEmpty();
  }
}
