package dev.omega.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A few large files of incompressible bytes ({@code data/partN.bin}). */
record FewLarge(int files, long fileBytes, int changedPerRound, long seed) implements Workload {
  /** The few-large: 8 files of 128 MiB; a round changes 4 KiB in 2 of them. */
  static FewLarge standard() {
    return new FewLarge(8, 128L << 20, 2, 8L);
  }

  @Override
  public String name() {
    return "few-large";
  }

  @Override
  public void generate(Path root) throws IOException {
    for (int i = 0; i < files; i++) {
      RandomBytes.write(root.resolve(path(i)), fileBytes, seed * 31 + i);
    }
  }

  @Override
  public List<String> change(Path root, int round) throws IOException {
    SplittableRandom random = new SplittableRandom(seed * 1_000_003L + round);
    List<String> changed = new ArrayList<>();
    int first = random.nextInt(files);
    for (int k = 0; k < Math.min(changedPerRound, files); k++) {
      String path = path((first + k) % files);
      long offset = random.nextLong(Math.max(1, fileBytes - 4096));
      RandomBytes.overwrite(root.resolve(path), offset, 4096, random.nextLong());
      changed.add(path);
    }
    return changed;
  }

  @Override
  public int syncedFiles() {
    return files;
  }

  @Override
  public long totalBytes() {
    return files * fileBytes;
  }

  static String path(int i) {
    return "data/part%d.bin".formatted(i);
  }
}
