package dev.omega.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omega.core.model.AgentId;
import dev.omega.core.model.AgentSpec;
import dev.omega.core.model.AgentStatus;
import dev.omega.core.model.AgentView;
import dev.omega.core.model.JobStatus;
import dev.omega.core.model.JobTrigger;
import dev.omega.core.model.JobType;
import dev.omega.core.model.JobView;
import dev.omega.core.model.ProcessInfo;
import dev.omega.core.model.TaskId;
import dev.omega.core.model.TaskSpec;
import dev.omega.core.model.TaskStatus;
import dev.omega.core.model.TaskView;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What {@code omega inspect} shows a person: statuses and since when, compute, runs, jobs. */
class InspectViewTest {
  private static final Instant NINE = Instant.parse("2026-11-27T09:00:00Z");

  @Test
  void anAgentShowsItsStatusSinceWhenItsLastExitCodeItsComputeAndItsEndpoint() {
    AgentView agent =
        new AgentView(
            AgentId.parse("00000000-0000-0000-0000-00000000000a"),
            AgentStatus.IDLE,
            new AgentSpec(JobType.API, "cpu-2", 20, List.of()),
            Optional.of(
                new ProcessInfo(
                    NINE.minusSeconds(60), Optional.of(NINE), Optional.of(3), 0, Optional.empty())),
            Optional.of("http://127.0.0.1:8080/"),
            Optional.empty());
    assertThat(InspectCommand.describe(agent))
        .startsWith("00000000-0000-0000-0000-00000000000a IDLE since " + Human.time(NINE))
        .contains(", last exit code 3")
        .contains("compute: cpu-2, disk 20 GB")
        .contains("endpoint: http://127.0.0.1:8080/");
  }

  @Test
  void aTaskShowsItsScheduleItsNextThreeRunsAndItsLatestJob() {
    TaskView task =
        new TaskView(
            TaskId.parse("00000000-0000-0000-0000-00000000000b"),
            TaskStatus.ON,
            new TaskSpec(JobType.JOB, "0 */6 * * *", "train", "cpu-1", 10, List.of(), Map.of()),
            Optional.of(Instant.parse("2026-11-27T12:00:00Z")),
            Optional.of(
                new JobView(
                    "job-4",
                    JobStatus.STOPPED,
                    JobTrigger.SCHEDULE,
                    Optional.of(NINE),
                    Optional.of(NINE.plusSeconds(5)),
                    Optional.of(0))));
    assertThat(NextRuns.of(task, 3))
        .containsExactly(
            Instant.parse("2026-11-27T12:00:00Z"),
            Instant.parse("2026-11-27T18:00:00Z"),
            Instant.parse("2026-11-28T00:00:00Z"));
    assertThat(InspectCommand.describe(task))
        .contains("ON '0 */6 * * *' (UTC)")
        .contains("next runs: " + NextRuns.describe(NextRuns.of(task, 3)))
        .contains("latest job: job-4 STOPPED started " + Human.time(NINE) + ", exit code 0");
  }

  @Test
  void aTaskThatIsOffHasNoNextRun() {
    TaskView off =
        new TaskView(
            TaskId.parse("00000000-0000-0000-0000-00000000000b"),
            TaskStatus.OFF,
            new TaskSpec(JobType.JOB, "@daily", "train", "cpu-1", 10, List.of(), Map.of()),
            Optional.empty(),
            Optional.empty());
    assertThat(NextRuns.of(off, 3)).isEmpty();
    assertThat(InspectCommand.describe(off))
        .contains("next runs: none (the task is OFF)")
        .contains("latest job: none yet");
  }
}
