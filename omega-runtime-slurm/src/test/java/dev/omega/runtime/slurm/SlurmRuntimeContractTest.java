package dev.omega.runtime.slurm;

import dev.omega.testkit.runtime.AgentRuntimeContract;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;

/** The runtime contract on a real Slurm cluster. */
class SlurmRuntimeContractTest extends AgentRuntimeContract {
  @TempDir Path shared;

  @Override
  protected Subject createSubject() {
    SlurmCluster.assumeReachable();
    return new Subject(new SlurmRuntime(SlurmCluster.settings(shared)), shared);
  }

  @Override
  protected Duration patience() {
    return Duration.ofSeconds(60);
  }
}
