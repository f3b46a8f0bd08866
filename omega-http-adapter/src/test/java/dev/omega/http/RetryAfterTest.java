package dev.omega.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

  @Test
  void secondsAndHttpDatesAreRead() {
    assertThat(RetryAfter.parse(Optional.of("7"), NOW)).contains(Duration.ofSeconds(7));
    assertThat(RetryAfter.parse(Optional.of("Sat, 01 Mar 2025 12:00:30 GMT"), NOW))
        .contains(Duration.ofSeconds(30));
    assertThat(RetryAfter.parse(Optional.of("Sat, 01 Mar 2025 11:00:00 GMT"), NOW))
        .contains(Duration.ZERO);
  }

  @Test
  void absentOrUnreadableIsEmpty() {
    assertThat(RetryAfter.parse(Optional.empty(), NOW)).isEmpty();
    assertThat(RetryAfter.parse(Optional.of("soon"), NOW)).isEmpty();
    assertThat(RetryAfter.parse(Optional.of("-3"), NOW)).isEmpty();
    assertThat(RetryAfter.parse(Optional.of("99999999999999999999999"), NOW)).isEmpty();
  }
}
