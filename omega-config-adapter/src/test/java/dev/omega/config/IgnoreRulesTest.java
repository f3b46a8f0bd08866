package dev.omega.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-written cases for what git cannot check: the reasons, {@code .omegaignore} and the
 * always-left-out directories. {@link IgnoreRulesGitConformanceTest} checks the rest against git.
 */
class IgnoreRulesTest {

  @TempDir Path root;

  @Test
  void reasonNamesThePatternTheFileAndTheLine() throws IOException {
    write(".gitignore", "# build output\n\nbuild/\n");

    IgnoreRules rules = IgnoreRules.load(root);

    assertThat(rules.reason("build", true)).contains("build/ (.gitignore line 3)");
    assertThat(rules.reason("build", false)).as("a file is no directory").isEmpty();
    assertThat(rules.isIgnored("build", true)).isTrue();
  }

  @Test
  void reasonOfASubdirectoryFileNamesItRelativeToTheRoot() throws IOException {
    write("sub/.omegaignore", "*.log\n");
    write("sub/a.log", "");

    IgnoreRules rules = IgnoreRules.load(root);
    IgnoreRules sub = rules.forChild("sub");

    assertThat(sub.directory()).isEqualTo("sub");
    assertThat(sub.reason("sub/a.log", false)).contains("*.log (sub/.omegaignore line 1)");
    assertThat(rules.reason("sub/a.log", false)).contains("*.log (sub/.omegaignore line 1)");
    assertThat(rules.isIgnored("a.log", false)).as("sub's rules stay in sub").isFalse();
  }

  @Test
  void reasonShowsThePatternAsGitReadsIt() throws IOException {
    write(".gitignore", "*.tmp   \r\n\\#notes\r\ntrail\\ \n");

    IgnoreRules rules = IgnoreRules.load(root);

    assertThat(rules.reason("x.tmp", false)).contains("*.tmp (.gitignore line 1)");
    assertThat(rules.reason("#notes", false)).contains("\\#notes (.gitignore line 2)");
    assertThat(rules.reason("trail ", false)).contains("trail\\  (.gitignore line 3)");
    assertThat(rules.isIgnored("trail", false)).isFalse();
  }

  @Test
  void keptPathsHaveNoReason() throws IOException {
    write(".gitignore", "*.log\n!keep.log\n");

    IgnoreRules rules = IgnoreRules.load(root);

    assertThat(rules.reason("keep.log", false)).isEmpty();
    assertThat(rules.reason("src", true)).isEmpty();
    assertThat(rules.isIgnored("keep.log", false)).isFalse();
  }

  @Test
  void omegaignoreOverridesTheGitignoreOfTheSameDirectory() throws IOException {
    write(".gitignore", "*.log\n!keep.log\n");
    write(".omegaignore", "keep.log\n!debug.log\n");

    IgnoreRules rules = IgnoreRules.load(root);

    assertThat(rules.reason("keep.log", false)).contains("keep.log (.omegaignore line 1)");
    assertThat(rules.isIgnored("debug.log", false)).as("re-included by .omegaignore").isFalse();
    assertThat(rules.reason("other.log", false)).contains("*.log (.gitignore line 1)");
  }

  @Test
  void aDeeperGitignoreOverridesAShallowerOmegaignore() throws IOException {
    write(".omegaignore", "*.csv\n");
    write("data/.gitignore", "!keep.csv\n");

    IgnoreRules rules = IgnoreRules.load(root);
    IgnoreRules data = rules.forChild("data");

    assertThat(data.isIgnored("data/keep.csv", false)).isFalse();
    assertThat(data.reason("data/other.csv", false)).contains("*.csv (.omegaignore line 1)");
    assertThat(rules.isIgnored("keep.csv", false)).isTrue();
  }

  @Test
  void nothingInsideALeftOutDirectoryComesBack() throws IOException {
    write(".omegaignore", "data/\n");
    write("data/.gitignore", "!*\n");
    write("data/.omegaignore", "!*\n");

    IgnoreRules rules = IgnoreRules.load(root);
    IgnoreRules data = rules.forChild("data");

    assertThat(data.reason("data/x.csv", false)).contains("data/ (.omegaignore line 1)");
    assertThat(data.reason("data/.gitignore", false)).contains("data/ (.omegaignore line 1)");
    assertThat(rules.reason("data/deep/er/x.csv", false)).contains("data/ (.omegaignore line 1)");
  }

  @Test
  void gitAndOmegaAtTheRootAreAlwaysLeftOut() throws IOException {
    write(".gitignore", "!.git\n!.omega/\n!*\n");
    write(".omega/config.yaml", "");

    IgnoreRules rules = IgnoreRules.load(root);

    assertThat(rules.reason(".git", true)).contains(IgnoreRules.ALWAYS_LEFT_OUT);
    assertThat(rules.reason(".git", false))
        .as("a .git file of a worktree")
        .contains("always left out");
    assertThat(rules.reason(".omega", true)).contains("always left out");
    assertThat(rules.reason(".omega/config.yaml", false)).contains("always left out");
    assertThat(rules.forChild(".omega").reason(".omega/config.yaml", false))
        .contains("always left out");
    assertThat(rules.isIgnored("sub/.omega", true)).as("only at the root").isFalse();
  }

  @Test
  void answersAboutPathsFurtherDownReadTheDirectoriesInBetween() throws IOException {
    write("a/b/.gitignore", "*.log\n");

    IgnoreRules rules = IgnoreRules.load(root);

    assertThat(rules.reason("a/b/c.log", false)).contains("*.log (a/b/.gitignore line 1)");
    assertThat(rules.forChild("a").reason("a/b/c/d.log", false))
        .contains("*.log (a/b/.gitignore line 1)");
    assertThat(rules.isIgnored("a/c.log", false)).isFalse();
  }

  @Test
  void rulesAreASnapshotOfTheIgnoreFiles() throws IOException {
    write(".gitignore", "*.log\n");
    IgnoreRules rules = IgnoreRules.load(root);

    write(".gitignore", "*.tmp\n");

    assertThat(rules.isIgnored("a.log", false)).isTrue();
    assertThat(rules.isIgnored("a.tmp", false)).isFalse();
    assertThat(IgnoreRules.load(root).isIgnored("a.tmp", false)).isTrue();
  }

  @Test
  void ignoreFilesThatAreSymbolicLinksAreNotRead() throws IOException {
    write("patterns", "*.log\n");
    Files.createSymbolicLink(root.resolve(".gitignore"), root.resolve("patterns"));

    assertThat(IgnoreRules.load(root).isIgnored("a.log", false)).isFalse();
  }

  @Test
  void refusesMalformedPathsAndPathsOutsideItsDirectory() throws IOException {
    IgnoreRules rules = IgnoreRules.load(root);
    IgnoreRules sub = rules.forChild("sub");

    for (String bad : new String[] {"", "/a", "a/", "a//b", "../a", "a/./b", "a/.."}) {
      assertThatThrownBy(() -> rules.isIgnored(bad, false))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> sub.isIgnored("other/a", false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sub.isIgnored("sub", true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> rules.forChild("a/b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> rules.forChild("..")).isInstanceOf(IllegalArgumentException.class);
  }

  private void write(String relativePath, String content) throws IOException {
    Path file = root.resolve(relativePath);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
