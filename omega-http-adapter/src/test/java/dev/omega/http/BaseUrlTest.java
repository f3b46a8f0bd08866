package dev.omega.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BaseUrlTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://example.com",
        "http://10.0.0.1:8321",
        "http://192.168.1.2",
        "http://127.0.0.1.example.com",
        "http://localhost.example.com",
        "http://[::2]:80",
        "http://128.0.0.1",
        "http://0127.0.0.1"
      })
  void plainHttpToANonLoopbackHostIsRefusedBeforeAnyRequest(String url) {
    // No server listens anywhere: the refusal comes from connect itself.
    assertThatThrownBy(() -> HttpPlatform.connect(URI.create(url), Optional.of("k-123456")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("plain http")
        .hasMessageContaining("https://")
        .hasMessageNotContaining("k-123456");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:8321",
        "http://127.9.8.7",
        "http://localhost:8321/",
        "http://LOCALHOST",
        "http://[::1]:8321",
        "https://omega.example.com",
        "https://10.0.0.1:8443/prefix/"
      })
  void httpsAnywhereAndHttpOnLoopbackAreAccepted(String url) {
    try (HttpPlatform platform = HttpPlatform.connect(URI.create(url), Optional.empty())) {
      assertThat(platform.baseUrl().toString()).isEqualTo(url.replaceAll("/+$", ""));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://example.com",
        "example.com",
        "https://user:pw@example.com",
        "https://x/?a=1"
      })
  void otherUrlsAreRefusedWithAReason(String url) {
    assertThatThrownBy(() -> HttpPlatform.connect(URI.create(url), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("pw");
  }

  @Test
  void anApikeyThatCannotBeAHeaderIsRefusedWithoutShowingIt() {
    assertThatThrownBy(
            () ->
                HttpPlatform.connect(
                    URI.create("https://example.com"), Optional.of("secret\r\nX-Evil: 1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("secret");
  }
}
