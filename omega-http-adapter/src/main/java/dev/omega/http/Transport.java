package dev.omega.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import dev.omega.api.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.DateTimeException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server's API over one {@link HttpClient}: builds the requests (URL, {@code Authorization}),
 * waits for the answers within the timeouts, and turns every failure into the kind {@link Errors}
 * decides. Never retries. Threadsafe.
 */
final class Transport {
  /** Enough of an error answer's body for its problem details. */
  private static final int ERROR_BODY_LIMIT = 64 * 1024;

  /** Each call and its answer at DEBUG ({@code omega --verbose}); never a header. */
  private static final Logger log = LoggerFactory.getLogger(Transport.class);

  /** A streamed answer whose status is a success. */
  record Streamed(int status, HttpHeaders headers, BodyStream body) {}

  private final URI baseUrl;
  private final String apiRoot;
  private final Optional<String> authorization;
  private final HttpPlatform.Timeouts timeouts;
  private final Errors errors;
  private final HttpClient client;

  Transport(URI baseUrl, Optional<String> apikey, HttpPlatform.Timeouts timeouts) {
    apikey.ifPresent(Transport::checkApikey);
    this.baseUrl = baseUrl;
    this.apiRoot = baseUrl + Wire.BASE_PATH;
    this.authorization = apikey.map(k -> "Bearer " + k);
    this.timeouts = timeouts;
    this.errors = new Errors(baseUrl, apikey);
    boolean plain = baseUrl.getScheme().toLowerCase(Locale.ROOT).equals("http");
    HttpClient.Builder builder = HttpClient.newBuilder();
    if (plain) {
      // The default TLS context reads the JDK's trusted certificates: a tenth of a second of every
      // command's start-up, for a connection that never uses TLS.
      builder.sslContext(NoTls.CONTEXT);
    }
    this.client =
        builder
            .connectTimeout(timeouts.connect())
            .followRedirects(HttpClient.Redirect.NEVER)
            // No h2c upgrade dance with a local server; https negotiates HTTP/2 when it can.
            .version(plain ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
            .build();
  }

  URI baseUrl() {
    return baseUrl;
  }

  HttpPlatform.Timeouts timeouts() {
    return timeouts;
  }

  Errors errors() {
    return errors;
  }

  /** A request to {@code route} below {@code /api/v1}, with the apikey. */
  HttpRequest.Builder request(String route) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(apiRoot + route))
            .header("User-Agent", "omega-http-adapter");
    authorization.ifPresent(value -> builder.header("Authorization", value));
    return builder;
  }

  /**
   * An ordinary call: a JSON body or none, a small answer, the per-request timeout.
   *
   * @return the body of the successful answer
   */
  byte[] call(String method, String route, Object json) {
    return call(method, route, json, timeouts.request());
  }

  /** {@link #call(String, String, Object)} within {@code timeout} instead of the usual one. */
  byte[] call(String method, String route, Object json, Duration timeout) {
    String what = method + " " + route;
    HttpRequest.Builder builder =
        request(route).timeout(timeout).header("Accept", "application/json");
    if (json == null) {
      builder.method(method, BodyPublishers.noBody());
    } else {
      builder
          .header("Content-Type", "application/json")
          .method(method, BodyPublishers.ofByteArray(encode(json)));
    }
    long start = System.nanoTime();
    try {
      return send(what, builder.build(), () -> start, timeout).body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Errors.interrupted(what);
    }
  }

  /** {@link #call(String, String, Object)}, its answer read as {@code dto} and mapped. */
  <D, M> M call(
      String method, String route, Object json, Class<D> dto, Function<? super D, M> toModel) {
    byte[] body = call(method, route, json);
    return decode(method + " " + route, body, Wire.JSON.constructType(dto), toModel);
  }

  /** A GET of a JSON array of {@code dto}, each mapped. */
  <D, M> List<M> list(String route, Class<D> dto, Function<? super D, M> toModel) {
    byte[] body = call("GET", route, null);
    JavaType type = Wire.JSON.getTypeFactory().constructCollectionType(List.class, dto);
    return decode(
        "GET " + route, body, type, (List<D> all) -> all.stream().<M>map(toModel).toList());
  }

  /**
   * Sends a request whose answer is small, waiting as long as there was activity within {@code
   * idle}: for an ordinary call the activity is the start; for an upload, the last byte the body
   * publisher took.
   *
   * @return the successful answer
   * @throws InterruptedException with the exchange aborted
   */
  HttpResponse<byte[]> send(
      String what, HttpRequest request, LongSupplier lastActivity, Duration idle)
      throws InterruptedException {
    long start = System.nanoTime();
    HttpResponse<byte[]> response =
        await(what, client.sendAsync(request, BodyHandlers.ofByteArray()), lastActivity, idle);
    log.debug("{} → {} in {} ms", what, response.statusCode(), millisSince(start));
    if (response.statusCode() / 100 != 2) {
      throw errors.fromStatus(what, response.statusCode(), response.headers(), response.body());
    }
    return response;
  }

  private static long millisSince(long start) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  /**
   * Sends a request whose successful answer is read as it arrives: the headers within the
   * per-request timeout, then no fixed limit but {@code idle} between bytes ({@link BodyStream}).
   *
   * @throws InterruptedException with the exchange aborted
   */
  Streamed open(String what, HttpRequest request, Duration idle) throws InterruptedException {
    BodyStream body = new BodyStream(idle);
    long start = System.nanoTime();
    HttpResponse<InputStream> response;
    try {
      response =
          await(what, client.sendAsync(request, info -> body), () -> start, timeouts.request());
    } catch (RuntimeException | InterruptedException e) {
      body.close();
      throw e;
    }
    int status = response.statusCode();
    log.debug("{} → {} in {} ms (streaming)", what, status, millisSince(start));
    if (status / 100 != 2) {
      byte[] head;
      try {
        head = body.readNBytes(ERROR_BODY_LIMIT);
      } catch (IOException unreadable) {
        head = new byte[0];
      }
      body.close();
      throw errors.fromStatus(what, status, response.headers(), head);
    }
    return new Streamed(status, response.headers(), body);
  }

  /** Aborts the calls in flight. */
  void close() {
    client.shutdownNow();
  }

  @Override
  public String toString() {
    return "Transport[" + baseUrl + (authorization.isPresent() ? ", with apikey]" : "]");
  }

  private <T> T await(
      String what, CompletableFuture<T> future, LongSupplier lastActivity, Duration limit)
      throws InterruptedException {
    long limitNanos = limit.toNanos();
    while (true) {
      long left = limitNanos - (System.nanoTime() - lastActivity.getAsLong());
      if (left <= 0) {
        future.cancel(true);
        throw Errors.timedOut(what, limit);
      }
      try {
        return future.get(left, TimeUnit.NANOSECONDS);
      } catch (TimeoutException stillWaiting) {
        // The activity may have moved on: measure again.
      } catch (InterruptedException e) {
        future.cancel(true);
        throw e;
      } catch (ExecutionException e) {
        throw errors.fromFailure(what, e.getCause());
      }
    }
  }

  private <D, M> M decode(String what, byte[] body, JavaType type, Function<? super D, M> toModel) {
    try {
      D dto = Wire.JSON.readValue(body, type);
      if (dto == null) {
        throw Errors.badResponse(what, 200, "an empty body");
      }
      return toModel.apply(dto);
    } catch (IOException e) {
      String problem = e instanceof JsonProcessingException json ? json.getOriginalMessage() : "";
      throw Errors.badResponse(what, 200, errors.redact(String.valueOf(problem)));
    } catch (IllegalArgumentException | NullPointerException | DateTimeException e) {
      throw Errors.badResponse(what, 200, errors.redact(String.valueOf(e.getMessage())));
    }
  }

  private static byte[] encode(Object json) {
    try {
      return Wire.JSON.writeValueAsBytes(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + json.getClass().getSimpleName(), e);
    }
  }

  /**
   * A key a header can carry: visible ASCII only, so that it can never split a header, and short
   * enough for any server's header limit (Jetty's is 8 KiB for all headers together).
   */
  private static void checkApikey(String apikey) {
    if (apikey.isEmpty() || !apikey.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException(
          "the apikey must be non-empty visible ASCII without spaces; check how it was copied");
    }
    if (apikey.length() > MAX_APIKEY_LENGTH) {
      throw new IllegalArgumentException(
          "the apikey is "
              + apikey.length()
              + " characters long, more than the "
              + MAX_APIKEY_LENGTH
              + " an apikey can have; check how it was copied (omega login stores a new one)");
    }
  }

  /** The longest apikey sent; real ones are far shorter (a UUID is 36, a JWT about 1000). */
  static final int MAX_APIKEY_LENGTH = 4096;
}
