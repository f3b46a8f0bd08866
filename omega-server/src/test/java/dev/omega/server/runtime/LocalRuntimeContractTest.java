package dev.omega.server.runtime;

import dev.omega.testkit.runtime.AgentRuntimeContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The runtime contract on this machine. */
class LocalRuntimeContractTest extends AgentRuntimeContract {
  @TempDir Path files;

  @Override
  protected Subject createSubject() {
    return new Subject(new LocalProcessRuntime(), files);
  }
}
