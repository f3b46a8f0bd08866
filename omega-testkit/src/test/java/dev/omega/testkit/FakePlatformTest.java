package dev.omega.testkit;

import dev.omega.core.port.AgentApi;
import dev.omega.core.port.TaskApi;
import java.util.List;

class FakePlatformTest extends PlatformContract {
  @Override
  protected Subject createSubject() {
    FakePlatform platform = new FakePlatform(new ManualClock());
    return new Subject() {
      private int commands;

      @Override
      public AgentApi agents() {
        return platform.agents();
      }

      @Override
      public TaskApi tasks() {
        return platform.tasks();
      }

      @Override
      public String printing(List<String> lines, int exitCode) {
        String command = "job-" + (++commands);
        platform.script(command, ProcessScript.job(exitCode, lines.toArray(String[]::new)));
        return command;
      }

      @Override
      public String runningUntilStopped() {
        platform.script("serve", ProcessScript.service("serving"));
        return "serve";
      }

      @Override
      public String computeSize() {
        return "cpu-1";
      }
    };
  }
}
