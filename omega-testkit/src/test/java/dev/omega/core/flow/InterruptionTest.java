package dev.omega.core.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import dev.omega.core.model.AppType;
import dev.omega.testkit.FakeOmega;
import dev.omega.testkit.Fault;
import dev.omega.testkit.SimulatedCrash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Spec 2.3: each flow, killed after its k-th platform call for every k and run again, ends where an
 * uninterrupted run ends; a network failure at any call is retried and changes nothing either.
 */
class InterruptionTest {
  enum Flow {
    RUN,
    STOP,
    SYNC,
    WATCH,
    INSPECT,
    CONFIG
  }

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (AppType type : AppType.values()) {
      for (Flow flow : Flow.values()) {
        cases.add(Arguments.of(type, flow));
      }
    }
    return cases.stream();
  }

  /** A fresh project where the flow starts: nothing yet for run, a running project otherwise. */
  private static FakeOmega start(AppType type, Flow flow) throws InterruptedException {
    FakeOmega omega = Scenarios.project(type);
    if (flow == Flow.RUN) {
      return omega;
    }
    omega.runFlow().run(new RunFlow.Request(false));
    if (flow == Flow.WATCH || flow == Flow.CONFIG) {
      omega.stopFlow().run();
    }
    if (flow == Flow.SYNC) {
      omega.workspace.put("main.py", "print('changed')\n").put("new.txt", "new");
      var config = omega.config.current();
      byte[] remote = "from the platform".getBytes(StandardCharsets.UTF_8);
      if (config.agentId() != null) {
        omega.platform.putAgentFile(config.agentId(), "remote.txt", remote);
      }
      if (config.taskId() != null) {
        omega.platform.putTaskFile(config.taskId(), "cache.txt", remote);
      }
    }
    return omega;
  }

  private static void runFlow(FakeOmega omega, Flow flow) throws InterruptedException {
    switch (flow) {
      case RUN -> omega.runFlow().run(new RunFlow.Request(false));
      case STOP -> omega.stopFlow().run();
      case SYNC -> omega.syncFlow().run();
      case WATCH -> omega.watchFlow().run(WatchFlow.Source.DEFAULT);
      case INSPECT -> omega.inspectFlow().project();
      case CONFIG -> omega.configFlow().apply(c -> c.toBuilder().computeSize("cpu-8").build());
    }
  }

  private static int created(FakeOmega omega) {
    return omega.platform.agentsCreated() + omega.platform.tasksCreated();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void killedAfterAnyCallAndRunAgainItEndsAsAnUninterruptedRun(AppType type, Flow flow)
      throws Exception {
    // Given: the end of an uninterrupted run, and how many calls it took
    FakeOmega reference = start(type, flow);
    int createdBefore = created(reference);
    int callsBefore = reference.platform.callCount();
    runFlow(reference, flow);
    Scenarios.EndState expected = Scenarios.endState(reference);
    int calls = reference.platform.callCount() - callsBefore;
    assertThat(calls).isPositive();

    for (int k = 1; k <= calls; k++) {
      // When: killed after call k, then run again, twice
      FakeOmega omega = start(type, flow);
      omega.platform.failCall(k, Fault.crashAfter());
      final int at = k;
      assertThatThrownBy(() -> runFlow(omega, flow))
          .as("crash after call %d", at)
          .isInstanceOf(SimulatedCrash.class);
      runFlow(omega, flow);
      Scenarios.EndState once = Scenarios.endState(omega);
      runFlow(omega, flow);
      // Then
      assertThat(once).as("after a crash at call %d", k).isEqualTo(expected);
      assertThat(Scenarios.endState(omega)).as("rerun after call %d", k).isEqualTo(expected);
      assertThat(created(omega) - createdBefore)
          .as("created after a crash at call %d", k)
          .isLessThanOrEqualTo(created(reference) - createdBefore);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void aNetworkFailureAtAnyCallIsRetriedAndChangesNothing(AppType type, Flow flow)
      throws Exception {
    // Given
    FakeOmega reference = start(type, flow);
    int callsBefore = reference.platform.callCount();
    runFlow(reference, flow);
    Scenarios.EndState expected = Scenarios.endState(reference);
    int calls = reference.platform.callCount() - callsBefore;

    for (Fault fault : List.of(Fault.networkBefore(), Fault.networkAfter())) {
      for (int k = 1; k <= calls; k++) {
        // When
        FakeOmega omega = start(type, flow);
        int createdBefore = created(omega);
        omega.platform.failCall(k, fault);
        try {
          runFlow(omega, flow);
        } catch (RuntimeException e) {
          fail(fault + " at call " + k + " was not absorbed: " + e);
        }
        // Then
        assertThat(Scenarios.endState(omega)).as("%s at call %d", fault, k).isEqualTo(expected);
        assertThat(created(omega) - createdBefore).isLessThanOrEqualTo(created(reference));
        assertThat(omega.clock.slept()).as("backed off").isPositive();
      }
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void killedBeforeAConfigurationSaveTookEffectItStillConverges(AppType type, Flow flow)
      throws Exception {
    // Given
    FakeOmega reference = start(type, flow);
    runFlow(reference, flow);
    FakeOmega omega = start(type, flow);
    omega.config.crashOnSave(1);
    // When
    try {
      runFlow(omega, flow);
    } catch (SimulatedCrash expected) {
      runFlow(omega, flow);
    }
    // Then
    assertThat(Scenarios.endState(omega)).isEqualTo(Scenarios.endState(reference));
  }
}
