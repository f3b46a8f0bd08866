package dev.omega.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omega.core.port.AuthenticationException;
import dev.omega.http.HttpPlatform;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the CLI asks of the platform besides agents and tasks: who the key is, what it offers. */
class PlatformInfoTest {
  @TempDir Path data;
  private ServerFixture fixture;

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void theKeysOwnerAndTheCatalogAreReadOverHttp() {
    fixture = new ServerFixture(data);
    try (HttpPlatform bob = HttpPlatform.connect(fixture.url(), Optional.of(ServerFixture.BOB))) {
      assertThat(bob.user()).isEqualTo("bob");
      var catalog = bob.catalog();
      assertThat(catalog.computeSizes()).isNotEmpty();
      assertThat(catalog.computeSizes().getFirst().code()).isEqualTo("cpu-1");
      assertThat(catalog.storages()).containsExactly("datasets");
    }
  }

  @Test
  void aWrongKeyIsRefusedAsAnAuthenticationError() {
    fixture = new ServerFixture(data);
    try (HttpPlatform stranger = HttpPlatform.connect(fixture.url(), Optional.of("nobody"))) {
      assertThatThrownBy(stranger::user).isInstanceOf(AuthenticationException.class);
      assertThatThrownBy(stranger::catalog).isInstanceOf(AuthenticationException.class);
    }
  }
}
