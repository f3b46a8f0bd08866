package dev.omega.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A scripted platform on 127.0.0.1: each route answers what the test says, and every request that
 * reached it is recorded (its body read whole: test bodies are small).
 */
final class StubServer implements AutoCloseable {
  /** A request as it reached the server. */
  record Request(
      String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  @FunctionalInterface
  interface Handler {
    void handle(HttpExchange exchange, Request request) throws Exception;
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Handler> routes = new ConcurrentHashMap<>();
  private final CountDownLatch released = new CountDownLatch(1);

  private StubServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::dispatch);
    server.start();
  }

  static StubServer start() {
    try {
      return new StubServer();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The server's root, as {@code HttpPlatform.connect} takes it. */
  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /**
   * @param route below {@code /api/v1}, percent-encoded as it is sent, without the query
   */
  StubServer on(String method, String route, Handler handler) {
    routes.put(method + " /api/v1" + route, handler);
    return this;
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Blocks a handler until the server is closed (a stalled platform). */
  void stall() throws InterruptedException {
    released.await(30, TimeUnit.SECONDS);
  }

  /** Lets a handler pace its answer; returns early when the server is closed. */
  void pause(Duration pause) throws InterruptedException {
    released.await(pause.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  // Answers.

  static void json(HttpExchange exchange, int status, String body) throws IOException {
    send(exchange, status, "application/json", body.getBytes(StandardCharsets.UTF_8));
  }

  static void problem(HttpExchange exchange, int status, String type, String detail)
      throws IOException {
    String body =
        "{\"type\":\""
            + type
            + "\",\"title\":\"t\",\"status\":"
            + status
            + ",\"detail\":\""
            + detail
            + "\"}";
    send(exchange, status, "application/problem+json", body.getBytes(StandardCharsets.UTF_8));
  }

  static void empty(HttpExchange exchange, int status) throws IOException {
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** Starts a chunked answer (a stream) and returns its body. */
  static OutputStream stream(HttpExchange exchange, int status, String contentType)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, 0);
    return exchange.getResponseBody();
  }

  static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Polls {@code condition} until it holds, at most {@code patience}. */
  static boolean eventually(Duration patience, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }

  private void dispatch(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      URI uri = exchange.getRequestURI();
      Request request =
          new Request(
              exchange.getRequestMethod(),
              uri.getRawPath(),
              uri.getRawQuery(),
              Map.copyOf(exchange.getRequestHeaders()),
              body);
      requests.add(request);
      Handler handler = routes.get(request.method() + " " + request.path());
      if (handler == null) {
        problem(exchange, 404, "no-stub", "no stub for " + request.method() + " " + request.path());
        return;
      }
      handler.handle(exchange, request);
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e);
    }
  }
}
