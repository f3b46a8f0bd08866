package dev.omega.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppTypeTest {
  @ParameterizedTest(name = "job_type {0} with schedule ''{1}'' is {2}")
  @CsvSource(
      nullValues = "null",
      value = {
        "LAB, null, LAB",
        "LAB, '', LAB",
        "API, null, API",
        "API, '  ', API",
        "API, 0 3 * * *, API_WITH_SCHEDULED_JOB",
        "JOB, null, ONE_TIME_JOB",
        "JOB, @daily, SCHEDULED_JOB"
      })
  void theFiveApplicationTypesFollowFromJobTypeAndSchedule(
      JobType jobType, String schedule, AppType expected) {
    assertThat(AppType.of(jobType, schedule)).isEqualTo(expected);
  }

  @Test
  void aLabWithAScheduleIsRefused() {
    assertThatThrownBy(() -> AppType.of(JobType.LAB, "0 3 * * *"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Lab");
  }

  @Test
  void onlyScheduledTypesUseATaskAndOnlyTheScheduledJobHasNoAgent() {
    assertThat(AppType.values())
        .filteredOn(AppType::usesTask)
        .containsExactlyInAnyOrder(AppType.API_WITH_SCHEDULED_JOB, AppType.SCHEDULED_JOB);
    assertThat(AppType.values())
        .filteredOn(t -> !t.usesAgent())
        .containsExactly(AppType.SCHEDULED_JOB);
  }

  @ParameterizedTest
  @CsvSource({"lab, LAB", "LAB, LAB", "Api, API", " job , JOB"})
  void jobTypeIsReadInAnyCase(String text, JobType expected) {
    assertThat(JobType.parse(text)).contains(expected);
  }

  @Test
  void anUnknownJobTypeIsNotRead() {
    assertThat(JobType.parse("notebook")).isEmpty();
    assertThat(JobType.parse(null)).isEmpty();
  }
}
