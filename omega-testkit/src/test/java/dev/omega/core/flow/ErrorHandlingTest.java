package dev.omega.core.flow;

import static dev.omega.testkit.OmegaAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omega.core.model.AppType;
import dev.omega.core.port.ApiException;
import dev.omega.core.port.AuthenticationException;
import dev.omega.core.port.ConsoleEvent;
import dev.omega.core.port.NetworkException;
import dev.omega.core.procedure.ProcedureFailedException;
import dev.omega.testkit.FakeOmega;
import dev.omega.testkit.Fault;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Spec 4.3.1's error handling: what is retried, what ends a procedure, and how it says so. */
class ErrorHandlingTest {
  private static final RunFlow.Request DETACHED = new RunFlow.Request(false);

  @Test
  void anApiErrorEndsTheFlowAtOnceWithThePlatformsMessage() {
    // Given: the first call (inspect is skipped: no id yet) is the create
    FakeOmega omega = Scenarios.project(AppType.API);
    omega.platform.failCall(1, Fault.apiError(400, "compute_size: cpu-9 is unknown; use cpu-1"));
    // When / Then
    assertThatThrownBy(() -> omega.runFlow().run(DETACHED))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.getMessage()).isEqualTo("compute_size: cpu-9 is unknown; use cpu-1");
            });
    assertThat(omega.platform.callCount()).isEqualTo(1);
    assertThat(omega.console.events(ConsoleEvent.Retrying.class)).isEmpty();
  }

  @Test
  void aServerErrorOnOtherCallsEndsTheFlowWithoutRetry() {
    FakeOmega omega = Scenarios.project(AppType.LAB);
    omega.platform.failCall(1, Fault.apiError(500, "internal error; try again later"));
    assertThatThrownBy(() -> omega.runFlow().run(DETACHED))
        .isInstanceOf(ApiException.class)
        .hasMessage("internal error; try again later");
    assertThat(omega.platform.callCount()).isEqualTo(1);
  }

  @Test
  void enableIsRetriedOnServerErrors() throws Exception {
    // Given: the task's enable meets a 503-like server error twice
    FakeOmega omega = Scenarios.project(AppType.SCHEDULED_JOB);
    omega.runFlow().run(DETACHED);
    FakeOmega fresh = Scenarios.project(AppType.SCHEDULED_JOB);
    int enableCall = omega.platform.calls().indexOf("tasks.enable") + 1;
    fresh.platform.failCall(enableCall, Fault.apiError(500, "database busy"));
    fresh.platform.failCall(enableCall + 1, Fault.apiError(500, "database busy"));
    // When
    fresh.runFlow().run(DETACHED);
    // Then (spec 4.3.3: enable failures are retried with backoff)
    assertThat(fresh.platform.peekTask(fresh.config.current().taskId()).orElseThrow()).isOn();
    assertThat(fresh.console.events(ConsoleEvent.Retrying.class)).hasSize(2);
  }

  @Test
  void anAuthenticationFailureIsNeverRetried() {
    FakeOmega omega = Scenarios.project(AppType.LAB);
    omega.platform.failCall(1, new Fault.Unauthorized());
    assertThatThrownBy(() -> omega.runFlow().run(DETACHED))
        .isInstanceOf(AuthenticationException.class);
    assertThat(omega.platform.callCount()).isEqualTo(1);
  }

  @Test
  void networkErrorsAreRetriedWithGrowingBackoffAndReported() throws Exception {
    // Given
    FakeOmega omega = Scenarios.project(AppType.LAB);
    for (int k = 1; k <= 4; k++) {
      omega.platform.failCall(k, Fault.networkBefore());
    }
    // When
    omega.runFlow().run(DETACHED);
    // Then
    var retries = omega.console.events(ConsoleEvent.Retrying.class);
    assertThat(retries).extracting(ConsoleEvent.Retrying::attempt).containsExactly(1, 2, 3, 4);
    assertThat(retries.get(3).delay()).isGreaterThan(retries.get(0).delay());
    assertThat(omega.platform.agentsCreated()).isEqualTo(1);
  }

  @Test
  void networkErrorsEndWithAClearErrorOnceTheRetryDeadlinePasses() {
    // Given: the platform never answers
    FakeOmega omega = Scenarios.project(AppType.LAB);
    for (int k = 1; k <= 500; k++) {
      omega.platform.failCall(k, Fault.networkBefore());
    }
    // When / Then
    assertThatThrownBy(() -> omega.runFlow().run(DETACHED))
        .isInstanceOf(NetworkException.class)
        .hasMessageContaining("kept failing")
        .hasMessageContaining("run the command again");
    assertThat(omega.clock.slept()).isLessThanOrEqualTo(Duration.ofMinutes(5));
    assertThat(omega.platform.agentsCreated()).isZero();
  }

  @Test
  void anAgentDyingDuringInitEndsTheWaitWithItsReason() {
    // Given
    FakeOmega omega = Scenarios.project(AppType.API);
    omega.platform.initFails("image pull failed");
    // When / Then
    assertThatThrownBy(() -> omega.runFlow().run(DETACHED))
        .isInstanceOf(ProcedureFailedException.class)
        .hasMessageContaining("died")
        .hasMessageContaining("image pull failed")
        .hasMessageContaining("Run the command again");
    assertThat(omega.platform.calls()).doesNotContain("agents.run");
  }

  @Test
  void aWaitPollsWithAGrowingIntervalAndGivesUpAtItsDeadline() {
    // Given: INIT that outlasts the 15-minute wait
    FakeOmega omega = Scenarios.project(AppType.LAB);
    omega.platform.initPolls(1_000_000);
    // When / Then
    assertThatThrownBy(() -> omega.runFlow().run(DETACHED))
        .isInstanceOf(ProcedureFailedException.class)
        .hasMessageContaining("gave up waiting for the agent to become IDLE")
        .hasMessageContaining("INIT");
    assertThat(omega.clock.slept()).isBetween(Duration.ofMinutes(15), Duration.ofMinutes(16));
    // 200 ms growing by half up to 5 s: far fewer polls than 15 min / 200 ms
    assertThat(omega.clock.sleeps()).isLessThan(200);
  }

  @Test
  void aWaitIsCancelledByAnInterrupt() {
    FakeOmega omega = Scenarios.project(AppType.LAB);
    omega.platform.initPolls(1_000_000);
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> omega.runFlow().run(DETACHED))
          .isInstanceOf(InterruptedException.class);
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void aRetryAfterFromThePlatformIsHonoured() throws Exception {
    // Given
    FakeOmega omega = Scenarios.project(AppType.LAB);
    omega.platform.failCall(1, new Fault.Unavailable(Duration.ofSeconds(42)));
    // When
    omega.runFlow().run(DETACHED);
    // Then
    assertThat(omega.console.events(ConsoleEvent.Retrying.class))
        .singleElement()
        .satisfies(r -> assertThat(r.delay()).isEqualTo(Duration.ofSeconds(42)));
  }

  @Test
  void aRetryAfterBeyondTheDeadlineEndsTheCallInsteadOfSleeping() {
    FakeOmega omega = Scenarios.project(AppType.LAB);
    omega.platform.failCall(1, new Fault.Unavailable(Duration.ofHours(2)));
    assertThatThrownBy(() -> omega.runFlow().run(DETACHED)).isInstanceOf(NetworkException.class);
    assertThat(omega.clock.slept()).isEqualTo(Duration.ZERO);
  }
}
