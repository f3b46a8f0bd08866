package dev.omega.core.flow;

import dev.omega.core.config.EnvType;
import dev.omega.core.config.OmegaConfig;
import dev.omega.core.model.AgentStatus;
import dev.omega.core.model.AppType;
import dev.omega.core.model.JobStatus;
import dev.omega.core.model.JobType;
import dev.omega.core.model.JobView;
import dev.omega.core.model.TaskStatus;
import dev.omega.core.model.TaskView;
import dev.omega.testkit.FakeOmega;
import dev.omega.testkit.ProcessScript;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A project of each application type on the fakes, and how to read where it ended. */
final class Scenarios {
  /** Jobs outlast any flow's polling: they end when watched to the end, or when stopped. */
  private static final int LONG = 1_000;

  private Scenarios() {}

  static OmegaConfig config(AppType type) {
    JobType jobType =
        switch (type) {
          case LAB -> JobType.LAB;
          case API, API_WITH_SCHEDULED_JOB -> JobType.API;
          case ONE_TIME_JOB, SCHEDULED_JOB -> JobType.JOB;
        };
    String schedule = type.usesTask() ? "0 3 * * *" : null;
    String command =
        switch (jobType) {
          case LAB -> null;
          case API -> "python serve.py";
          case JOB -> "python train.py";
        };
    String jobCommand = type == AppType.API_WITH_SCHEDULED_JOB ? "python nightly.py" : null;
    return new OmegaConfig(
        null,
        null,
        jobType,
        schedule,
        "cpu-1",
        10,
        List.of("datasets"),
        EnvType.VALUES,
        null,
        Map.of("MODE", "test"),
        null,
        null,
        command,
        jobCommand,
        null);
  }

  /** A project of the given type with two files, answering yes to every question. */
  static FakeOmega project(AppType type) {
    FakeOmega omega = new FakeOmega(config(type));
    omega.workspace.put("main.py", "print('hello')\n").put("data/input.csv", "a,b\n1,2\n");
    omega.prompter.answerAll(true);
    omega.platform.script("python serve.py", ProcessScript.service("serving on $PORT"));
    omega.platform.script(
        "python train.py",
        ProcessScript.job(0, "epoch 1", "epoch 2", "done")
            .lasting(LONG)
            .writing(Map.of("model.bin", "weights")));
    omega.platform.script(
        "python nightly.py", ProcessScript.job(0, "nightly report").lasting(LONG));
    return omega;
  }

  /**
   * Where a project stands, by what a user would check: its settings (the ids aside, which are
   * random), the agent's status, the task's status and its latest job, and the files on each side.
   */
  record EndState(
      OmegaConfig settings,
      Optional<AgentStatus> agent,
      Optional<TaskStatus> task,
      Optional<JobStatus> job,
      Map<String, String> localFiles,
      Map<String, String> remoteFiles) {}

  static EndState endState(FakeOmega omega) {
    OmegaConfig config = omega.config.current();
    Optional<AgentStatus> agent =
        Optional.ofNullable(config.agentId())
            .flatMap(omega.platform::peekAgent)
            .map(a -> a.status());
    Optional<TaskView> task =
        Optional.ofNullable(config.taskId()).flatMap(omega.platform::peekTask);
    Map<String, String> remote = new TreeMap<>();
    if (agent.isPresent()) {
      remote.putAll(text(omega.platform.agentFiles(config.agentId())));
    } else if (task.isPresent()) {
      remote.putAll(text(omega.platform.taskFiles(config.taskId())));
    }
    return new EndState(
        config
            .withAgentId(null)
            .withTaskId(null)
            .withRunId(config.runId() == null ? null : "recorded"),
        agent,
        task.map(TaskView::status),
        task.flatMap(TaskView::latestJob).map(JobView::status),
        text(omega.workspace.contents()),
        remote);
  }

  private static Map<String, String> text(Map<String, byte[]> files) {
    Map<String, String> text = new TreeMap<>();
    files.forEach((path, bytes) -> text.put(path, new String(bytes, StandardCharsets.UTF_8)));
    return text;
  }
}
