package dev.omega.testkit;

import dev.omega.core.port.Workspace;

class FakeWorkspaceTest extends WorkspaceContract {
  private FakeWorkspace fake;

  @Override
  protected Workspace createWorkspace() {
    fake = new FakeWorkspace();
    return fake;
  }

  @Override
  protected void writeUserFile(String path, String content) {
    fake.put(path, content);
  }
}
