package dev.omega.testkit;

import dev.omega.core.port.ConfigStore;
import java.util.Map;

class FakeConfigStoreTest extends ConfigStoreContract {
  private FakeConfigStore fake;

  @Override
  protected ConfigStore createStore() {
    fake = new FakeConfigStore();
    return fake;
  }

  @Override
  protected void writeEnvFile(String name, Map<String, String> values) {
    fake.envFile(values);
  }
}
