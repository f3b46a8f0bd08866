package dev.omega.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omega.server.runtime.LocalProcessRuntime;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS with a configured keystore, and the per-token rate limit. */
class TlsAndRateLimitTest {
  @TempDir Path data;

  private ServerSettings settings(Optional<ServerSettings.Tls> tls, int perMinute) {
    ServerSettings local = ServerSettings.local(data, 0, "tok");
    return new ServerSettings(
        "127.0.0.1",
        0,
        data,
        Map.of("tok", "me"),
        local.catalog(),
        List.of(),
        Duration.ofSeconds(1),
        ServerSettings.DEFAULT_CATCH_UP_WINDOW,
        tls,
        perMinute);
  }

  @Test
  void withAKeystoreTheServerSpeaksOnlyHttps() throws Exception {
    // Given: a self-signed certificate made with the JDK's keytool
    Path keystore = data.resolve("server.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "omega",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                "secret",
                "-keypass",
                "secret")
            .redirectErrorStream(true)
            .start();
    assertThat(keytool.waitFor()).isZero();
    // When
    try (OmegaServer server =
        OmegaServer.start(
            settings(Optional.of(new ServerSettings.Tls(keystore, "secret")), 0),
            new LocalProcessRuntime())) {
      // Then
      assertThat(server.url().getScheme()).isEqualTo("https");
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(keystore)) {
        trusted.load(in, "secret".toCharArray());
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, trust.getTrustManagers(), null);
      HttpClient client = HttpClient.newBuilder().sslContext(tls).build();
      var me =
          client.send(
              HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/me"))
                  .header("Authorization", "Bearer tok")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(me.statusCode()).isEqualTo(200);
      URI plain = URI.create("http://127.0.0.1:" + server.port() + "/api/v1/me");
      assertThatThrownBy(
              () ->
                  HttpClient.newHttpClient()
                      .send(
                          HttpRequest.newBuilder(plain).build(),
                          HttpResponse.BodyHandlers.ofString())
                      .statusCode())
          .isInstanceOf(java.io.IOException.class);
    }
  }

  @Test
  void callsBeyondTheRateLimitAreRefusedWith429AndRetryAfter() throws Exception {
    try (OmegaServer server =
        OmegaServer.start(settings(Optional.empty(), 3), new LocalProcessRuntime())) {
      HttpClient client = HttpClient.newHttpClient();
      HttpRequest me =
          HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/me"))
              .header("Authorization", "Bearer tok")
              .build();
      for (int i = 0; i < 3; i++) {
        assertThat(client.send(me, HttpResponse.BodyHandlers.ofString()).statusCode())
            .isEqualTo(200);
      }
      var limited = client.send(me, HttpResponse.BodyHandlers.ofString());
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("Retry-After"))
          .hasValueSatisfying(s -> assertThat(Long.parseLong(s)).isBetween(1L, 20L));
    }
  }

  @Test
  void aNonLoopbackAddressWithoutTlsIsRefusedUnlessAllowed() {
    var open =
        new ServerConfigFile(
            "0.0.0.0", null, null, null, null, null, null, null, null, null, null, null, null);
    assertThatThrownBy(() -> open.settings(data)).hasMessageContaining("without TLS");
    var allowed =
        new ServerConfigFile(
            "0.0.0.0", null, null, null, null, null, null, true, null, null, null, null, null);
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> allowed.settings(data)))
        .isNull();
  }
}
