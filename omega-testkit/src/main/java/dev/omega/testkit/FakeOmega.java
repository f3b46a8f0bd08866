package dev.omega.testkit;

import dev.omega.core.config.OmegaConfig;
import dev.omega.core.flow.ConfigFlow;
import dev.omega.core.flow.InspectFlow;
import dev.omega.core.flow.RunFlow;
import dev.omega.core.flow.StopFlow;
import dev.omega.core.flow.SyncFlow;
import dev.omega.core.flow.WatchFlow;
import dev.omega.core.port.Ports;
import dev.omega.core.procedure.Pacing;
import dev.omega.core.procedure.Procedures;

/** Every port faked and wired, for tests of the procedures and flows. */
public final class FakeOmega {
  public final ManualClock clock = new ManualClock();
  public final FakePlatform platform = new FakePlatform(clock);
  public final FakeConfigStore config;
  public final FakeWorkspace workspace = new FakeWorkspace();
  public final ScriptedPrompter prompter = new ScriptedPrompter();
  public final RecordingConsole console = new RecordingConsole();

  public FakeOmega(OmegaConfig config) {
    this.config = new FakeConfigStore(config);
  }

  public Ports ports() {
    return new Ports(
        platform.agents(), platform.tasks(), config, workspace, prompter, console, clock);
  }

  public Procedures procedures() {
    return new Procedures(ports(), Pacing.defaults());
  }

  public RunFlow runFlow() {
    return new RunFlow(procedures());
  }

  public StopFlow stopFlow() {
    return new StopFlow(procedures());
  }

  public SyncFlow syncFlow() {
    return new SyncFlow(procedures());
  }

  public WatchFlow watchFlow() {
    return new WatchFlow(procedures());
  }

  public InspectFlow inspectFlow() {
    return new InspectFlow(procedures());
  }

  public ConfigFlow configFlow() {
    return new ConfigFlow(procedures());
  }
}
