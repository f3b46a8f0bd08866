package dev.omega.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omega.core.model.AgentId;
import dev.omega.core.port.PlatformException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InterruptTest {
  private final StubServer server = StubServer.start();
  private final HttpPlatform platform = HttpPlatform.connect(server.url(), Optional.empty());

  @AfterEach
  void stop() {
    platform.close();
    server.close();
  }

  @Test
  void anInterruptedCallIsCancelledNotRetriedAndKeepsTheFlag() throws Exception {
    AgentId id = AgentId.random();
    server.on("GET", "/agents/" + id, (ex, req) -> server.stall());
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean flagKept = new AtomicBoolean();
    Thread caller =
        new Thread(
            () -> {
              try {
                platform.agents().inspect(id);
              } catch (Throwable t) {
                thrown.set(t);
                flagKept.set(Thread.currentThread().isInterrupted());
              }
            });
    caller.start();
    assertThat(StubServer.eventually(Duration.ofSeconds(5), () -> server.requests().size() == 1))
        .isTrue();
    caller.interrupt();
    caller.join(5_000);
    assertThat(caller.isAlive()).isFalse();
    assertThat(thrown.get())
        .isInstanceOf(CancellationException.class)
        .isNotInstanceOf(PlatformException.class);
    assertThat(flagKept).isTrue();
  }
}
