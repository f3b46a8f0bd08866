package dev.omega.cli;

import static dev.omega.cli.CliProcess.ok;
import static dev.omega.cli.Projects.json;
import static dev.omega.cli.Projects.poll;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input against the built CLI (bin/omega) and the local platform it starts (issue 8): each
 * test is one case of the table in docs/RELIABILITY.md, "Hostile input". A refused input ends with
 * a message naming the problem and its fix and the documented exit code (1 failed, 2 usage or
 * configuration, 3 apikey refused), and changes nothing: the project's files, its configuration
 * included, stay byte-identical, no partial file is left, nothing is created on the platform. An
 * input that is accepted is handled safely, and checked on the platform's side.
 *
 * <p>One local platform serves every case (each has its own project folder); {@code
 * -Dhostile.files=100000} runs the many-files case at the issue's full size (default 5,000).
 */
@Timeout(120)
class HostileInputIT {
  private static final int MANY_FILES = Integer.getInteger("hostile.files", 5_000);
  private static final Pattern AGENT_ID = Pattern.compile("(?m)^agent_id: (\\S+)$");

  @TempDir static Path home;
  private static CliProcess omega;

  @TempDir Path project;

  @BeforeAll
  static void startTheLocalPlatform() throws Exception {
    omega = new CliProcess(home, Map.of());
    ok(omega.run(home, "server", "start"));
  }

  @AfterAll
  static void stopTheLocalPlatform() throws Exception {
    omega.run(home, "server", "stop");
  }

  @AfterEach
  void stopWhatThisProjectRuns() throws Exception {
    Path config = project.resolve(".omega/config.yaml");
    if (Files.exists(config)
        && Files.readString(config, StandardCharsets.ISO_8859_1).contains("_id:")) {
      omega.run(project, "stop", "--yes");
    }
  }

  // ---- helpers ----

  /** Asserts a refusal: its exit code, and a message holding each of {@code mentions}. */
  private static void refused(CliProcess.Result result, int exitCode, String... mentions) {
    assertThat(result.exitCode()).as("exit code; stderr:\n%s", result.err()).isEqualTo(exitCode);
    assertThat(result.err()).contains(mentions).doesNotContain("Exception");
  }

  private void configure(String jobType, String command, String... more) throws Exception {
    List<String> args =
        Stream.concat(
                Stream.of("config", "--job-type", jobType, "--command", command), Stream.of(more))
            .toList();
    ok(omega.run(project, args.toArray(String[]::new)));
  }

  private Path config() {
    return project.resolve(".omega/config.yaml");
  }

  /** A configuration written by hand, as a user might have broken it. */
  private void writeConfig(String text) throws IOException {
    Files.createDirectories(config().getParent());
    Files.writeString(config(), text);
  }

  private Optional<String> agentId() throws IOException {
    Matcher m = AGENT_ID.matcher(Files.readString(config()));
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** The agent's workspace on the local platform's disk. */
  private Path workspace() throws IOException {
    return home.resolve("server/agents").resolve(agentId().orElseThrow()).resolve("workspace");
  }

  private JsonNode inspect() throws Exception {
    return json(omega.run(project, "inspect", "--json"));
  }

  private static String marker() {
    return Long.toString(7_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L));
  }

  private static final String VALID =
      "job_type: job\ncommand: 'true'\ncompute_size: cpu-1\ndisk_size: 1\n";

  @Nested
  @DisplayName("the configuration file")
  class ConfigurationFile {
    @Test
    @DisplayName("malformed YAML is refused with its line and column, the file kept as it is")
    void malformedYaml() throws Exception {
      writeConfig("job_type: [lab\ncommand: x\n");
      Untouched before = Untouched.of(project);
      refused(omega.run(project, "run"), 2, "line 1", "is not valid YAML", "fix:");
      refused(omega.run(project, "config", "--disk-size", "5"), 2, "is not valid YAML");
      before.check();
    }

    @Test
    @DisplayName("a YAML alias bomb (billion laughs) is refused at its first alias, unexpanded")
    void aliasBomb() throws Exception {
      StringBuilder bomb = new StringBuilder(VALID).append("storage: &a0 [x, x, x, x, x]\n");
      bomb.append("env_type: values\nenv_values:\n");
      for (int i = 1; i < 12; i++) {
        String prev = "*a" + (i - 1);
        bomb.append("  V")
            .append(i)
            .append(": &a")
            .append(i)
            .append(" [")
            .append(String.join(", ", prev, prev, prev, prev, prev, prev, prev, prev, prev))
            .append("]\n");
      }
      writeConfig(bomb.toString());
      Untouched before = Untouched.of(project);
      refused(omega.run(project, "run"), 2, "alias *a0", "without anchors");
      before.check();
    }

    @Test
    @DisplayName("an alias is not read as its anchor's name: job_schedule: *b is refused")
    void aliasAsValue() throws Exception {
      writeConfig(VALID + "storage: &b [x]\njob_schedule: *b\n");
      Untouched before = Untouched.of(project);
      refused(omega.run(project, "config", "--show"), 2, "alias *b");
      before.check();
    }

    @Test
    @DisplayName("a key written twice is refused, naming both lines")
    void duplicateKey() throws Exception {
      writeConfig(VALID + "job_type: lab\n");
      Untouched before = Untouched.of(project);
      refused(omega.run(project, "run"), 2, "job_type", "second time (first at line 1)");
      before.check();
    }

    @Test
    @DisplayName("values of the wrong type are all reported at once, each with its fix")
    void wrongTypes() throws Exception {
      writeConfig(
          "job_type: job\ncommand: x\ncompute_size: cpu-1\ndisk_size: ten\nstorage: {a: 1}\n");
      Untouched before = Untouched.of(project);
      refused(
          omega.run(project, "run"),
          2,
          "2 problem(s)",
          "disk_size must be a whole number, was 'ten'",
          "storage must be a list");
      before.check();
    }

    @Test
    @DisplayName("a file that is a list, not a mapping, is refused")
    void notAMapping() throws Exception {
      writeConfig("- job_type\n- job\n");
      Untouched before = Untouched.of(project);
      refused(omega.run(project, "run"), 2, "is not a mapping of keys to values");
      before.check();
    }

    @Test
    @DisplayName("a file that is not UTF-8 is refused as such, not as a failed read")
    void notUtf8() throws Exception {
      Files.createDirectories(config().getParent());
      Files.write(
          config(), "job_type: job\ncommand: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
      Untouched before = Untouched.of(project);
      refused(omega.run(project, "run"), 2, "is not UTF-8 text", "fix:");
      before.check();
    }

    @Test
    @DisplayName("a file of 4 MB is refused past the YAML reader's limit")
    void hugeFile() throws Exception {
      writeConfig(VALID + "job_command: " + "x".repeat(4 << 20) + "\n");
      Untouched before = Untouched.of(project);
      refused(omega.run(project, "run"), 2, "exceeds the limit");
      before.check();
    }

    @Test
    @DisplayName("an unknown key with no near match lists the keys there are")
    void unknownKey() throws Exception {
      writeConfig(VALID + "flavour: vanilla\n");
      Untouched before = Untouched.of(project);
      refused(omega.run(project, "run"), 2, "flavour is not a configuration key", "compute_size");
      before.check();
    }

    @Test
    @DisplayName("an agent_id that is not a UUID is refused")
    void agentIdNotUuid() throws Exception {
      writeConfig(VALID + "agent_id: ../../etc\n");
      Untouched before = Untouched.of(project);
      refused(omega.run(project, "run"), 2, "'../../etc' is not a UUID");
      before.check();
    }
  }

  @Nested
  @DisplayName("the command line")
  class CommandLine {
    @BeforeEach
    void aValidConfiguration() throws Exception {
      configure("job", "true");
    }

    @Test
    @DisplayName("--disk-size ten is a usage error")
    void diskSizeNotANumber() throws Exception {
      Untouched before = Untouched.of(project);
      refused(omega.run(project, "config", "--disk-size", "ten"), 2, "--disk-size");
      before.check();
    }

    @Test
    @DisplayName("--disk-size -5 is refused: disk_size must be positive")
    void negativeDiskSize() throws Exception {
      Untouched before = Untouched.of(project);
      refused(omega.run(project, "config", "--disk-size", "-5"), 2, "disk_size", "positive");
      before.check();
    }

    @Test
    @DisplayName("--job-type banana names the three types")
    void unknownJobType() throws Exception {
      Untouched before = Untouched.of(project);
      refused(omega.run(project, "config", "--job-type", "banana"), 2, "lab, api or job");
      before.check();
    }

    @Test
    @DisplayName("--env without KEY= is refused")
    void envWithoutKey() throws Exception {
      Untouched before = Untouched.of(project);
      refused(omega.run(project, "config", "--env", "=value"), 2, "KEY=VALUE");
      before.check();
    }

    @Test
    @DisplayName("an impossible date (0 0 30 2 *: February 30th) is refused: it never fires")
    void impossibleDate() throws Exception {
      Untouched before = Untouched.of(project);
      refused(omega.run(project, "config", "--schedule", "0 0 30 2 *"), 2, "job_schedule", "never");
      before.check();
    }

    @Test
    @DisplayName("a cron of six fields is refused")
    void sixFieldCron() throws Exception {
      Untouched before = Untouched.of(project);
      refused(omega.run(project, "config", "--schedule", "* * * * * *"), 2, "job_schedule", "five");
      before.check();
    }

    @Test
    @DisplayName("@reboot is refused: the platform has no boot of yours to run at")
    void rebootMacro() throws Exception {
      Untouched before = Untouched.of(project);
      refused(omega.run(project, "config", "--schedule", "@reboot"), 2, "@reboot");
      before.check();
    }

    @Test
    @DisplayName("a schedule on a Lab is refused")
    void scheduledLab() throws Exception {
      Untouched before = Untouched.of(project);
      refused(
          omega.run(project, "config", "--job-type", "lab", "--schedule", "@daily"),
          2,
          "a Lab has no schedule");
      before.check();
    }

    @Test
    @DisplayName("--dir naming no folder is refused, and no folder is created")
    void dirThatDoesNotExist() throws Exception {
      Path nowhere = project.resolve("no-such-folder");
      var result = omega.run(nowhere, "config", "--job-type", "job", "--command", "true");
      refused(result, 2, "does not exist", "--dir");
      assertThat(nowhere).doesNotExist();
    }

    @Test
    @DisplayName("--dir naming a file is refused")
    void dirThatIsAFile() throws Exception {
      Path file = Files.writeString(project.resolve("file.txt"), "x");
      Untouched before = Untouched.of(project);
      refused(omega.run(file, "run"), 2, "is not a folder");
      before.check();
    }
  }

  @Nested
  @DisplayName("the env file")
  class EnvFile {
    private void expectRunRefused(String... mentions) throws Exception {
      Untouched before = Untouched.of(project);
      refused(omega.run(project, "run"), 2, mentions);
      before.check();
      assertThat(agentId()).as("no agent was created").isEmpty();
    }

    @Test
    @DisplayName("a syntax error stops omega run before anything is created, naming the line")
    void syntaxError() throws Exception {
      Files.writeString(project.resolve(".env"), "A=1\nthis line has no equals sign\n");
      configure("job", "true", "--env-file", ".env");
      expectRunRefused(".env line 2", "KEY=VALUE");
    }

    @Test
    @DisplayName("an unterminated quote is reported at the line that opened it")
    void unterminatedQuote() throws Exception {
      Files.writeString(project.resolve(".env"), "A=1\nB=\"open\nC=3\n");
      configure("job", "true", "--env-file", ".env");
      expectRunRefused(".env line 2", "never closed");
    }

    @Test
    @DisplayName("an absent env file stops omega run before anything is created")
    void absent() throws Exception {
      configure("job", "true", "--env-file", "missing.env");
      expectRunRefused("missing.env does not exist", "create it");
    }

    @Test
    @DisplayName("an env file that is a folder is refused as such")
    void folder() throws Exception {
      Files.createDirectory(project.resolve("envdir"));
      configure("job", "true", "--env-file", "envdir");
      expectRunRefused("envdir is a folder, not a file");
    }

    @Test
    @DisplayName("an env file that is not UTF-8 is refused as such")
    void notUtf8() throws Exception {
      Files.write(project.resolve(".env"), new byte[] {'A', '=', (byte) 0xff, '\n'});
      configure("job", "true", "--env-file", ".env");
      expectRunRefused(".env is not UTF-8 text");
    }
  }

  @Nested
  @DisplayName("the apikey")
  class Apikey {
    private String url;

    @BeforeEach
    void theLocalPlatformAsATeamServer() throws Exception {
      url = Files.readString(home.resolve("server/url")).strip();
      configure("job", "true", "--server", url);
    }

    @Test
    @DisplayName("an empty apikey is refused by the platform: exit 3, log in")
    void empty() throws Exception {
      Files.writeString(config(), Files.readString(config()) + "apikey: ''\n");
      Untouched before = Untouched.of(project);
      refused(omega.run(project, "run"), 3, "omega login");
      before.check();
    }

    @Test
    @DisplayName("a huge apikey (100,000 characters) is refused before it is sent, never echoed")
    void huge() throws Exception {
      String key = "k".repeat(100_000);
      Untouched before = Untouched.of(project);
      var run = new CliProcess(home, Map.of("OMEGA_API_KEY", key)).run(project, "run");
      refused(run, 2, "100000 characters long", "check how it was copied");
      assertThat(run.err()).doesNotContain("kkkkkkkk");
      before.check();
    }

    @Test
    @DisplayName("an apikey with a space, given to omega login, is refused and not stored")
    void withASpace() throws Exception {
      Untouched before = Untouched.of(project);
      var login = omega.runWithInput(project, "not a key\n", "login", "--apikey-stdin");
      refused(login, 2, "visible ASCII without spaces");
      before.check();
      assertThat(home.resolve("credentials.yaml")).doesNotExist();
    }

    @Test
    @DisplayName("a wrong apikey given to omega login is refused (exit 3) and not stored")
    void wrongAtLogin() throws Exception {
      var login = omega.runWithInput(project, "wrong-key\n", "login", "--apikey-stdin");
      refused(login, 3, "omega login");
      assertThat(login.err()).doesNotContain("wrong-key");
      assertThat(home.resolve("credentials.yaml")).doesNotExist();
    }

    @Test
    @DisplayName("a credentials file that is not YAML is refused, naming omega login")
    void unreadableCredentials(@TempDir Path otherHome) throws Exception {
      Files.writeString(otherHome.resolve("credentials.yaml"), "apikey: [unclosed\n");
      Untouched before = Untouched.of(project);
      var run = new CliProcess(otherHome, Map.of()).run(project, "run");
      refused(run, 2, "the credentials file", "cannot be read", "omega login");
      before.check();
    }

    @Test
    @DisplayName("no apikey on standard input is a usage error")
    void noneAtLogin() throws Exception {
      refused(omega.runWithInput(project, "", "login", "--apikey-stdin"), 2, "no apikey");
      assertThat(home.resolve("credentials.yaml")).doesNotExist();
    }
  }

  @Nested
  @DisplayName("the server URL")
  class ServerUrl {
    @Test
    @DisplayName("plain http to a non-loopback host is refused at config, nothing written")
    void plainHttpToARemoteHost() throws Exception {
      var config =
          omega.run(
              project,
              "config",
              "--job-type",
              "job",
              "--command",
              "true",
              "--server",
              "http://omega.example.com");
      refused(config, 2, "refusing plain http to omega.example.com", "https://omega.example.com");
      assertThat(project.resolve(".omega")).doesNotExist();
    }

    @Test
    @DisplayName("plain http to a non-loopback host written by hand is refused at run")
    void plainHttpWrittenByHand() throws Exception {
      writeConfig(VALID + "server: http://10.1.2.3:8080\n");
      Untouched before = Untouched.of(project);
      refused(omega.run(project, "run"), 2, "refusing plain http to 10.1.2.3");
      before.check();
    }

    @Test
    @DisplayName("a URL carrying credentials is refused")
    void credentialsInTheUrl() throws Exception {
      writeConfig(VALID + "server: https://user:secret@omega.example.com\n");
      Untouched before = Untouched.of(project);
      var run = omega.run(project, "run");
      refused(run, 2, "must not carry credentials");
      assertThat(run.err()).doesNotContain("secret");
      before.check();
    }

    @Test
    @DisplayName("a scheme other than http(s) is refused")
    void otherScheme() throws Exception {
      writeConfig(VALID + "server: ftp://omega.example.com\n");
      Untouched before = Untouched.of(project);
      refused(omega.run(project, "run"), 2, "server", "http");
      before.check();
    }
  }

  @Nested
  @DisplayName("the project's files")
  class ProjectFiles {
    @Test
    @DisplayName("a 0-byte file and names differing only by case sync as distinct files")
    void emptyFileAndCase() throws Exception {
      Files.write(project.resolve("empty.txt"), new byte[0]);
      Files.writeString(project.resolve("README.txt"), "upper");
      Files.writeString(project.resolve("readme.txt"), "lower");
      configure("job", "cat README.txt readme.txt");
      var run = ok(omega.run(project, "run"));
      assertThat(run.out()).contains("upperlower");
      assertThat(workspace().resolve("empty.txt")).isEmptyFile();
      assertThat(workspace().resolve("README.txt")).hasContent("upper");
      assertThat(workspace().resolve("readme.txt")).hasContent("lower");
    }

    @Test
    @DisplayName("two names equal but for Unicode normalisation are refused, both named")
    void unicodeNormalisation() throws Exception {
      configure("job", "true");
      ok(omega.run(project, "run"));
      Files.writeString(project.resolve("caf\u00e9.txt"), "composed");
      Files.writeString(project.resolve("cafe\u0301.txt"), "decomposed");
      Untouched local = Untouched.of(project);
      Untouched remote = Untouched.of(workspace());
      refused(omega.run(project, "sync"), 2, "two Unicode forms", "rename or remove one");
      local.check();
      remote.check();
    }

    @Test
    @DisplayName("names sync cannot carry are left out, each with its reason; the rest syncs")
    void namesSyncCannotCarry() throws Exception {
      Files.writeString(project.resolve("ok.txt"), "ok");
      Files.writeString(project.resolve("back\\slash.txt"), "x");
      Files.writeString(project.resolve("new\nline.txt"), "x");
      // Not UTF-8: a Latin-1 name, as an old archive might hold
      Path latin1 = latin1Name(project);
      configure("job", "ls");
      var run = ok(omega.run(project, "run"));
      assertThat(run.out()).contains("ok.txt");
      try (Stream<Path> files = Files.list(workspace())) {
        assertThat(files.map(p -> p.getFileName().toString())).containsExactly("ok.txt");
      }
      assertThat(latin1).exists();
      var dryRun = ok(omega.run(project, "sync", "--dry-run"));
      assertThat(dryRun.out())
          .contains("back\\slash.txt' contains a backslash")
          .contains("new\\u000aline.txt' contains a control character")
          .contains("its name is not valid UTF-8")
          .doesNotContain("new\nline");
    }

    private Path latin1Name(Path dir) throws Exception {
      // The JVM cannot name a non-UTF-8 file; the shell can.
      Process touch =
          new ProcessBuilder("sh", "-c", "printf x > \"$(printf 'caf\\351.txt')\"")
              .directory(dir.toFile())
              .start();
      assertThat(touch.waitFor()).isZero();
      try (Stream<Path> files = Files.list(dir)) {
        return files
            .filter(p -> p.getFileName().toString().startsWith("caf"))
            .findFirst()
            .orElseThrow();
      }
    }

    @Test
    @DisplayName("symbolic links out of the project, to / and in a loop are never followed")
    void symlinksOutOfTheProject() throws Exception {
      Path secret = Files.writeString(home.resolve("secret-" + marker() + ".txt"), "secret");
      Files.createSymbolicLink(project.resolve("leak.txt"), secret);
      Files.createSymbolicLink(project.resolve("root"), Path.of("/"));
      Files.createSymbolicLink(project.resolve("loop"), project.resolve("loop"));
      Files.writeString(project.resolve("ok.txt"), "ok");
      configure("job", "true");
      ok(omega.run(project, "run"));
      try (Stream<Path> files = Files.walk(workspace())) {
        assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
            .containsExactly("ok.txt");
      }
      var dryRun = ok(omega.run(project, "sync", "--dry-run"));
      assertThat(dryRun.out())
          .contains("leak.txt  (a symbolic link")
          .contains("root  (a symbolic link")
          .contains("loop  (a symbolic link");
    }

    @Test
    @DisplayName("a link the job leaves in the workspace never brings the target's bytes home")
    void symlinkMadeByTheJob() throws Exception {
      Path secret = Files.writeString(home.resolve("secret-" + marker() + ".txt"), "secret");
      configure("job", "ln -s " + secret + " leak.txt; ln -s / rootdir; echo done > out.txt");
      ok(omega.run(project, "run"));
      assertThat(project.resolve("out.txt")).hasContent("done");
      assertThat(project.resolve("leak.txt")).doesNotExist();
      assertThat(project.resolve("rootdir")).doesNotExist();
    }

    @Test
    @DisplayName("an upload through a folder link the job made is refused; nothing lands outside")
    void uploadThroughALinkTheJobMade() throws Exception {
      Path outside = Files.createDirectory(home.resolve("outside-" + marker()));
      configure("job", "ln -s " + outside + " escape");
      ok(omega.run(project, "run"));
      Files.createDirectory(project.resolve("escape"));
      Files.writeString(project.resolve("escape/planted.txt"), "planted");
      refused(
          omega.run(project, "sync"),
          2,
          "escape/planted.txt passes through the symbolic link escape",
          "nothing was written");
      try (Stream<Path> files = Files.list(outside)) {
        assertThat(files).isEmpty();
      }
    }

    @Test
    @DisplayName("a file larger than disk_size is refused before any byte is stored")
    void fileLargerThanDiskSize() throws Exception {
      configure("job", "true", "--disk-size", "1");
      ok(omega.run(project, "run"));
      try (RandomAccessFile big = new RandomAccessFile(project.resolve("big.bin").toFile(), "rw")) {
        big.setLength((1L << 30) + 1); // sparse: one byte past 1 GB
      }
      Untouched remote = Untouched.of(workspace());
      var sync = omega.run(project, "sync");
      refused(sync, 1, "big.bin", "disk_size", "larger disk_size");
      remote.check();
      try (Stream<Path> uploads = Files.walk(workspace().resolveSibling("uploads"))) {
        assertThat(uploads.filter(Files::isRegularFile)).isEmpty();
      }
    }

    @Test
    @DisplayName("many empty files (5,000; 100,000 with -Dhostile.files) all sync")
    @Timeout(900) // before the fix, each upload re-read the whole workspace: hours for 100,000
    void manyEmptyFiles() throws Exception {
      for (int d = 0; d < (MANY_FILES + 999) / 1000; d++) {
        Path dir = Files.createDirectory(project.resolve("d" + d));
        for (int f = 0; f < 1000 && d * 1000 + f < MANY_FILES; f++) {
          Files.createFile(dir.resolve("f" + f));
        }
      }
      configure("job", "find . -type f | wc -l");
      var run = ok(omega.run(project, "run"));
      assertThat(run.out().strip()).isEqualTo(Integer.toString(MANY_FILES));
      assertThat(ok(omega.run(project, "sync")).err()).contains("already in sync");
    }
  }

  @Nested
  @DisplayName("the application's processes")
  class Processes {
    @Test
    @DisplayName("binary output reaches the terminal with control characters made visible")
    void binaryOutput() throws Exception {
      configure(
          "job",
          "head -c 4096 /dev/urandom; printf '\\033]0;retitled\\007\\033[2J\\000'; echo;"
              + " printf '10%%\\r20%%\\r30%%\\n'; echo done");
      var run = ok(omega.run(project, "run"));
      assertThat(run.out()).contains("^[]0;retitled^G^[[2J^@").contains("10%\r20%\r30%\ndone");
      assertThat(run.out().chars()).noneMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t');
    }

    @Test
    @DisplayName("a log line of 10 MiB arrives whole, and the next line after it")
    void tenMebibyteLine() throws Exception {
      configure("job", "head -c 10485760 /dev/zero | tr '\\0' x; echo; echo end");
      var run = ok(omega.run(project, "run"));
      assertThat(run.out().chars().filter(c -> c == 'x').count()).isEqualTo(10L << 20);
      assertThat(run.out()).endsWith("end\n");
      var watch = ok(omega.run(project, "watch", "--no-follow"));
      assertThat(watch.out().chars().filter(c -> c == 'x').count()).isEqualTo(10L << 20);
    }

    @Test
    @DisplayName("a process ignoring SIGTERM is killed at stop; nothing of it is left")
    void ignoresSigterm() throws Exception {
      String marker = marker();
      configure("api", "trap '' TERM; sleep " + marker + " & while :; do sleep 1; done");
      ok(omega.run(project, "run", "--detach"));
      poll(Duration.ofSeconds(10), "the sleep", () -> nonEmpty(ProcessTable.withMarker(marker)));
      ok(omega.run(project, "stop", "--yes"));
      assertThat(inspect().path("agent").path("status").asText()).isEqualTo("DEAD");
      assertThat(ProcessTable.withMarker(marker)).isEmpty();
    }

    @Test
    @DisplayName("a process that forks and daemonises (setsid, nohup) leaves nothing at stop")
    void forksAndDaemonises() throws Exception {
      String marker = marker();
      configure(
          "api",
          "setsid sleep "
              + marker
              + " & nohup sleep "
              + marker
              + " >/dev/null 2>&1 & (sleep "
              + marker
              + " &) ; exec sleep "
              + marker);
      ok(omega.run(project, "run", "--detach"));
      poll(
          Duration.ofSeconds(10),
          "four sleeps",
          () -> Optional.of(ProcessTable.withMarker(marker)).filter(p -> p.size() >= 4));
      ok(omega.run(project, "stop", "--yes"));
      assertThat(ProcessTable.withMarker(marker)).isEmpty();
    }

    @Test
    @DisplayName("a job that never ends runs detached until omega stop ends it and its children")
    void neverEnds() throws Exception {
      String marker = marker();
      configure("job", "while :; do sleep " + marker + "; done");
      ok(omega.run(project, "run", "--detach"));
      assertThat(inspect().path("agent").path("status").asText()).isEqualTo("BUSY");
      ok(omega.run(project, "stop", "--yes"));
      assertThat(inspect().path("agent").path("status").asText()).isIn("IDLE", "DEAD");
      assertThat(ProcessTable.withMarker(marker)).isEmpty();
    }

    private static Optional<List<Long>> nonEmpty(List<Long> pids) {
      return pids.isEmpty() ? Optional.empty() : Optional.of(pids);
    }
  }
}
