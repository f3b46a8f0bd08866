package dev.omega.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omega.api.Dtos;
import dev.omega.core.config.OmegaConfig;
import dev.omega.core.model.JobType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigQuestionsTest {
  private static final Dtos.Catalog CATALOG =
      new Dtos.Catalog(
          List.of(new Dtos.ComputeSize("cpu-1", 1, 2048), new Dtos.ComputeSize("cpu-4", 4, 8192)),
          List.of("datasets", "models"));

  /** Answers from a script, and everything said, as a terminal would show it. */
  private static final class ScriptedTerminal implements ConfigQuestions.Terminal {
    final Deque<String> answers;
    final List<String> shown = new ArrayList<>();

    ScriptedTerminal(String... answers) {
      this.answers = new ArrayDeque<>(Arrays.asList(answers));
    }

    @Override
    public String ask(String prompt) {
      shown.add(prompt);
      return answers.poll();
    }

    @Override
    public void tell(String line) {
      shown.add(line);
    }
  }

  @Test
  void aNewScheduledJobIsConfiguredByAnsweringEachQuestionPickingASizeFromTheCatalog() {
    var terminal = new ScriptedTerminal("job", "python train.py", "0 3 * * *", "2", "", "models");
    OmegaConfig config =
        new ConfigQuestions(terminal, Optional.of(CATALOG)).ask(OmegaConfig.empty());
    assertThat(config.jobType()).isEqualTo(JobType.JOB);
    assertThat(config.command()).isEqualTo("python train.py");
    assertThat(config.jobSchedule()).isEqualTo("0 3 * * *");
    assertThat(config.computeSize()).isEqualTo("cpu-4");
    assertThat(config.diskSize()).isEqualTo(ConfigCommand.DEFAULT_DISK_SIZE_GB);
    assertThat(config.storage()).containsExactly("models");
    assertThat(terminal.shown).contains("    2) cpu-4: 4 CPU, 8192 MiB");
  }

  @Test
  void emptyAnswersKeepTheCurrentValues() {
    OmegaConfig current =
        OmegaConfig.empty().toBuilder()
            .jobType(JobType.API)
            .command("serve")
            .computeSize("cpu-4")
            .diskSize(20)
            .build();
    var terminal = new ScriptedTerminal("", "", "", "", "", "");
    OmegaConfig config = new ConfigQuestions(terminal, Optional.of(CATALOG)).ask(current);
    assertThat(config.jobType()).isEqualTo(JobType.API);
    assertThat(config.command()).isEqualTo("serve");
    assertThat(config.jobSchedule()).isNull();
    assertThat(config.computeSize()).isEqualTo("cpu-4");
    assertThat(config.diskSize()).isEqualTo(20);
    assertThat(config.storage()).isEmpty();
  }

  @Test
  void aWrongAnswerIsAskedAgainWithTheReason() {
    var terminal =
        new ScriptedTerminal(
            "gpu", "lab", "gpu-99", "cpu-1", "zero", "5", "datasets,nope", "datasets");
    OmegaConfig config =
        new ConfigQuestions(terminal, Optional.of(CATALOG)).ask(OmegaConfig.empty());
    assertThat(config.jobType()).isEqualTo(JobType.LAB);
    assertThat(config.computeSize()).isEqualTo("cpu-1");
    assertThat(config.diskSize()).isEqualTo(5);
    assertThat(config.storage()).containsExactly("datasets");
    assertThat(terminal.shown)
        .contains("  ✗ lab, api or job, please")
        .anyMatch(line -> line.contains("not offered; pick one of [cpu-1, cpu-4]"))
        .anyMatch(line -> line.contains("not offered: [nope]"));
  }

  @Test
  void anInvalidCronIsRefusedBeforeAnythingIsSaved() {
    var terminal = new ScriptedTerminal("job", "true", "61 * * * *", "-", "", "", "-");
    OmegaConfig config =
        new ConfigQuestions(terminal, Optional.of(CATALOG)).ask(OmegaConfig.empty());
    assertThat(config.jobSchedule()).isNull();
    assertThat(terminal.shown).anyMatch(line -> line.startsWith("  ✗ ") && line.contains("61"));
  }

  @Test
  void theEndOfInputCancelsTheWholeConfiguration() {
    var terminal = new ScriptedTerminal("job");
    assertThatThrownBy(
            () -> new ConfigQuestions(terminal, Optional.of(CATALOG)).ask(OmegaConfig.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nothing was saved");
  }
}
