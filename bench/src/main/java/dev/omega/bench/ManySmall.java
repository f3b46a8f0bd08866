package dev.omega.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Many small files in a nested tree ({@code src/mNN/pNN/fNNN.bin}, 1 to 16 KiB each) and a {@code
 * .gitignore}d {@code build/} folder that sync must leave out.
 */
record ManySmall(int files, int ignoredFiles, int changedPerRound, long seed) implements Workload {
  static final int MIN_SIZE = 1024;
  static final int MAX_SIZE = 16 * 1024;
  private static final int PER_FOLDER = 100;
  private static final int FOLDERS_PER_MODULE = 10;

  /** The many-small: 20,000 files, 2,000 ignored ones, 10 changed per round. */
  static ManySmall standard() {
    return new ManySmall(20_000, 2_000, 10, 20_000L);
  }

  @Override
  public String name() {
    return "many-small";
  }

  @Override
  public void generate(Path root) throws IOException {
    Files.createDirectories(root);
    Files.writeString(root.resolve(".gitignore"), "build/\n");
    for (int i = 0; i < files; i++) {
      RandomBytes.write(root.resolve(path(i)), size(i), seed * 31 + i);
    }
    for (int i = 0; i < ignoredFiles; i++) {
      String path = "build/classes/c%02d/x%04d.class".formatted(i / PER_FOLDER, i);
      RandomBytes.write(root.resolve(path), MIN_SIZE + i % MAX_SIZE, ~seed * 31 + i);
    }
  }

  @Override
  public List<String> change(Path root, int round) throws IOException {
    SplittableRandom random = new SplittableRandom(seed * 1_000_003L + round);
    Set<Integer> picked = new LinkedHashSet<>();
    while (picked.size() < Math.min(changedPerRound, files)) {
      picked.add(random.nextInt(files));
    }
    List<String> changed = new ArrayList<>();
    for (int i : picked) {
      String path = path(i);
      RandomBytes.overwrite(root.resolve(path), 0, Math.min(512, size(i)), random.nextLong());
      changed.add(path);
    }
    return changed;
  }

  @Override
  public int syncedFiles() {
    return files + 1;
  }

  @Override
  public long totalBytes() {
    long total = 0;
    for (int i = 0; i < files; i++) {
      total += size(i);
    }
    for (int i = 0; i < ignoredFiles; i++) {
      total += MIN_SIZE + i % MAX_SIZE;
    }
    return total;
  }

  /** The path of file {@code i}: 100 files a folder, 10 folders a module. */
  static String path(int i) {
    int folder = i / PER_FOLDER;
    return "src/m%02d/p%02d/f%03d.bin"
        .formatted(folder / FOLDERS_PER_MODULE, folder % FOLDERS_PER_MODULE, i % PER_FOLDER);
  }

  int size(int i) {
    return new SplittableRandom(seed ^ (i * 0x9E3779B97F4A7C15L)).nextInt(MIN_SIZE, MAX_SIZE + 1);
  }
}
