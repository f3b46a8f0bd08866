package dev.omega.server;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per apikey: {@code perMinute} calls a minute, refilled evenly, bursts up to a
 * minute's worth. This class is threadsafe.
 */
final class RateLimiter {
  private final int perMinute;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  private static final class Bucket {
    double tokens;
    long refilledAt;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.refilledAt = now;
    }
  }

  RateLimiter(int perMinute) {
    this.perMinute = perMinute;
  }

  /** Takes one call from the key's bucket; throws a 429 with Retry-After when it is empty. */
  void acquire(String key, long nowNanos) {
    if (perMinute <= 0) {
      return;
    }
    Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(perMinute, nowNanos));
    synchronized (bucket) {
      double perNano = perMinute / (double) Duration.ofMinutes(1).toNanos();
      bucket.tokens = Math.min(perMinute, bucket.tokens + (nowNanos - bucket.refilledAt) * perNano);
      bucket.refilledAt = nowNanos;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return;
      }
      long waitSeconds = (long) Math.ceil((1 - bucket.tokens) / perNano / 1e9);
      throw new RateLimited(Math.max(1, waitSeconds));
    }
  }

  /** Too many calls: come back after {@code retryAfterSeconds}. */
  static final class RateLimited extends RuntimeException {
    final long retryAfterSeconds;

    RateLimited(long retryAfterSeconds) {
      super(
          "more than the allowed calls a minute with this apikey; retry in "
              + retryAfterSeconds
              + " s");
      this.retryAfterSeconds = retryAfterSeconds;
    }
  }
}
