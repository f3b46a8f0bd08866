package dev.omega.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.omega.core.port.ApiException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A certificate the client does not trust ends the call, once, as an API error. */
class TlsTest {
  @TempDir Path dir;
  private HttpsServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void anUntrustedCertificateIsNotRetriedAndNamedAsTls() throws Exception {
    // Given: an https server with a self-signed certificate
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    assumeTrue(Files.isExecutable(keytool), "keytool is part of the JDK");
    Path store = dir.resolve("server.p12");
    Process process =
        new ProcessBuilder(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                "s",
                "-keyalg",
                "EC",
                "-dname",
                "CN=127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    try (InputStream out = process.getInputStream()) {
      out.readAllBytes();
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory managers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    managers.init(keys, "changeit".toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(managers.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    AtomicInteger requests = new AtomicInteger();
    server.createContext(
        "/",
        ex -> {
          requests.incrementAndGet();
          StubServer.json(ex, 200, "[]");
        });
    server.start();
    URI url = URI.create("https://127.0.0.1:" + server.getAddress().getPort());
    // When / Then
    try (HttpPlatform platform = HttpPlatform.connect(url, Optional.of("k-123456"))) {
      assertThatThrownBy(() -> platform.agents().list())
          .isInstanceOfSatisfying(
              ApiException.class,
              e -> {
                assertThat(e.status()).isZero();
                assertThat(e.type()).isEqualTo("tls");
              })
          .hasMessageContaining("certificate");
    }
    assertThat(requests).hasValue(0);
  }
}
