package dev.omega.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TaskAndJobStatusTest {
  @Test
  void aTaskMovesBetweenOnAndOffOnly() {
    assertThat(TaskStatus.OFF.transitionTo(TaskStatus.ON)).isEqualTo(TaskStatus.ON);
    assertThat(TaskStatus.ON.transitionTo(TaskStatus.OFF)).isEqualTo(TaskStatus.OFF);
    assertThatThrownBy(() -> TaskStatus.ON.transitionTo(TaskStatus.ON))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessage("task cannot go from ON to ON");
  }

  @Test
  void aJobGoesCreatedRunningStoppedAndNeverBack() {
    assertThat(JobStatus.CREATED.transitionTo(JobStatus.RUNNING)).isEqualTo(JobStatus.RUNNING);
    assertThat(JobStatus.RUNNING.transitionTo(JobStatus.STOPPED)).isEqualTo(JobStatus.STOPPED);
    assertThat(JobStatus.CREATED.canTransitionTo(JobStatus.STOPPED)).isTrue();
    assertThat(JobStatus.STOPPED.successors()).isEmpty();
    assertThatThrownBy(() -> JobStatus.STOPPED.transitionTo(JobStatus.RUNNING))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessage("job cannot go from STOPPED to RUNNING");
    assertThatThrownBy(() -> JobStatus.RUNNING.transitionTo(JobStatus.CREATED))
        .isInstanceOf(IllegalTransitionException.class);
  }
}
