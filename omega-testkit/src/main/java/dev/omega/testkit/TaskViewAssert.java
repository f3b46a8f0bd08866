package dev.omega.testkit;

import dev.omega.core.model.JobStatus;
import dev.omega.core.model.JobView;
import dev.omega.core.model.TaskStatus;
import dev.omega.core.model.TaskView;
import org.assertj.core.api.AbstractAssert;

/** AssertJ assertions for a {@link TaskView}: {@code assertThat(task).isOn().hasNoRunningJob()}. */
public final class TaskViewAssert extends AbstractAssert<TaskViewAssert, TaskView> {
  TaskViewAssert(TaskView actual) {
    super(actual, TaskViewAssert.class);
  }

  public TaskViewAssert isOn() {
    return hasStatus(TaskStatus.ON);
  }

  public TaskViewAssert isOff() {
    return hasStatus(TaskStatus.OFF);
  }

  public TaskViewAssert hasRunningJob() {
    return hasLatestJob(JobStatus.RUNNING);
  }

  public TaskViewAssert hasLatestJob(JobStatus status) {
    isNotNull();
    JobStatus actualStatus = actual.latestJob().map(JobView::status).orElse(null);
    if (actualStatus != status) {
      failWithMessage(
          "expected task %s's latest job to be %s but was %s", actual.id(), status, actualStatus);
    }
    return this;
  }

  public TaskViewAssert hasNoRunningJob() {
    isNotNull();
    if (actual.hasRunningJob()) {
      failWithMessage("expected task %s to have no running job", actual.id());
    }
    return this;
  }

  private TaskViewAssert hasStatus(TaskStatus status) {
    isNotNull();
    if (actual.status() != status) {
      failWithMessage("expected task %s to be %s but was %s", actual.id(), status, actual.status());
    }
    return this;
  }
}
