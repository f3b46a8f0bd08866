package dev.omega.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generators are deterministic: the same seed makes the same tree, byte for byte. */
class WorkloadTest {
  @TempDir Path dir;

  private static Map<String, byte[]> read(Path root) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return files;
  }

  @Test
  void manySmallMakesTheSameTreeFromTheSameSeed() throws IOException {
    // Given
    ManySmall workload = new ManySmall(250, 20, 10, 42);
    // When
    workload.generate(dir.resolve("a"));
    workload.generate(dir.resolve("b"));
    // Then
    Map<String, byte[]> a = read(dir.resolve("a"));
    assertThat(a).hasSize(250 + 20 + 1);
    Map<String, byte[]> copy = read(dir.resolve("b"));
    assertThat(a.keySet()).isEqualTo(copy.keySet());
    a.forEach((path, bytes) -> assertThat(copy.get(path)).isEqualTo(bytes));
    assertThat(a.get(".gitignore")).asString().isEqualTo("build/\n");
    assertThat(a.keySet().stream().filter(p -> p.startsWith("build/"))).hasSize(20);
    assertThat(a.entrySet().stream().filter(e -> e.getKey().startsWith("src/")))
        .allSatisfy(
            e -> assertThat(e.getValue().length).isBetween(ManySmall.MIN_SIZE, ManySmall.MAX_SIZE));
    assertThat(a.values().stream().mapToLong(b -> b.length).sum())
        .isEqualTo(workload.totalBytes() + "build/\n".length());
  }

  private Map<String, byte[]> readUnchecked(Path root) {
    try {
      return read(root);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aChangeRoundRewritesTheSameFilesWithTheSameBytesAndKeepsTheirSizes() throws IOException {
    // Given
    ManySmall workload = new ManySmall(250, 0, 10, 42);
    workload.generate(dir.resolve("a"));
    workload.generate(dir.resolve("b"));
    Map<String, byte[]> before = read(dir.resolve("a"));
    // When
    List<String> changedA = workload.change(dir.resolve("a"), 3);
    List<String> changedB = workload.change(dir.resolve("b"), 3);
    // Then
    assertThat(changedA).hasSize(10).doesNotHaveDuplicates().isEqualTo(changedB);
    Map<String, byte[]> after = readUnchecked(dir.resolve("a"));
    for (String path : changedA) {
      assertThat(after.get(path)).hasSameSizeAs(before.get(path)).isNotEqualTo(before.get(path));
      assertThat(read(dir.resolve("b")).get(path)).isEqualTo(after.get(path));
    }
    before.keySet().stream()
        .filter(p -> !changedA.contains(p))
        .forEach(p -> assertThat(after.get(p)).isEqualTo(before.get(p)));
  }

  @Test
  void fewLargeWritesItsFilesWithExactSizesAndChangesSomeInPlace() throws IOException {
    // Given
    FewLarge workload = new FewLarge(3, 100_000, 2, 8);
    workload.generate(dir);
    Map<String, byte[]> before = read(dir);
    // When
    List<String> changed = workload.change(dir, 0);
    // Then
    assertThat(before).hasSize(3).allSatisfy((p, b) -> assertThat(b).hasSize(100_000));
    assertThat(changed).hasSize(2);
    Map<String, byte[]> after = read(dir);
    for (String path : changed) {
      assertThat(after.get(path)).hasSize(100_000).isNotEqualTo(before.get(path));
    }
  }
}
