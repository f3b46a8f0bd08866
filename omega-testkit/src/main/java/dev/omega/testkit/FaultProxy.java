package dev.omega.testkit;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy for tests that puts network faults between an HTTP/1.1 client and a server: it binds
 * a free port on 127.0.0.1 and forwards every connection to the target, each direction on a virtual
 * thread of its own, reading just enough HTTP (each request's head and its {@code Content-Length})
 * to know where requests start.
 *
 * <p>Each request may get a {@link Fault}: the next {@linkplain #inject scripted} one whose request
 * line matches, else a random one at the {@linkplain #randomFaults rate}, drawn from a {@link
 * Random} with a fixed seed. Faults are drawn per request rather than per connection, since an HTTP
 * client keeps one connection for many requests; a fault ends its connection, except a delay. A
 * request's head always reaches the server whole; the fault fires after a number of the bytes that
 * follow it (its body, then the response, then whatever the connection carries next, until it
 * fires; no other fault is drawn on that connection meanwhile). A request can also be {@linkplain
 * #answerNext answered by the proxy itself}, with {@code 503} or {@code 429} and {@code
 * Retry-After: 1}, without the server seeing it. {@link #counts()} tells what the proxy did.
 *
 * <p>Bounded: a request head longer than 64 KiB closes the connection, and bodies are copied in
 * small chunks, never held. {@link #close()} closes the port and every connection it opened.
 */
public final class FaultProxy implements AutoCloseable {
  /** What happens to a request's exchange, and to the connection that carries it. */
  public enum Fault {
    /** Both connections close abruptly, with a TCP RST (as a crashed peer or middlebox does). */
    RESET,
    /**
     * Nothing more is forwarded either way for {@linkplain FaultProxy#stallFor the stall} (meant to
     * outlast the client's timeouts), then both connections close.
     */
    STALL,
    /** Only part of the response reaches the client, then both connections close (a FIN). */
    TRUNCATE,
    /**
     * The request is forwarded after {@linkplain FaultProxy#delayBy a short delay}; nothing else
     * changes.
     */
    DELAY
  }

  /** What the proxy did so far. */
  public record Counts(
      long connections,
      long requests,
      long resets,
      long stalls,
      long truncations,
      long delays,
      long answered) {
    /** The faults that fired, delays included. */
    public long faults() {
      return resets + stalls + truncations + delays;
    }
  }

  private static final int HEAD_LIMIT = 64 * 1024;
  private static final int CHUNK = 16 * 1024;

  private record Scripted(Fault fault, String requestLine, long afterBytes) {}

  private final ServerSocket listener;
  private final InetSocketAddress target;
  private final Random random;
  private final Deque<Scripted> scripted = new ArrayDeque<>();
  private final Deque<Integer> answers = new ArrayDeque<>();
  private final Set<Connection> open = ConcurrentHashMap.newKeySet();
  private final Map<Fault, AtomicLong> fired = new EnumMap<>(Fault.class);
  private final AtomicLong connections = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong answered = new AtomicLong();
  private double rate;
  private String scope = "";
  private List<Fault> kinds = List.of(Fault.values());
  private int reach = 512;
  private volatile Duration stallFor = Duration.ofSeconds(5);
  private volatile Duration delayBy = Duration.ofMillis(200);
  private volatile boolean closed;

  private FaultProxy(InetSocketAddress target, long seed) throws IOException {
    this.target = target;
    this.random = new Random(seed);
    for (Fault fault : Fault.values()) {
      fired.put(fault, new AtomicLong());
    }
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().name("fault-proxy-accept").start(this::acceptAll);
  }

  /**
   * Starts forwarding to {@code host:port}, without faults until told.
   *
   * @param seed seeds the random faults, so that a run can be repeated
   */
  public static FaultProxy start(String host, int port, long seed) throws IOException {
    return new FaultProxy(new InetSocketAddress(host, port), seed);
  }

  /** {@code http://127.0.0.1:<port>}: where clients connect instead of the target. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + listener.getLocalPort());
  }

  /**
   * Gives each request from now on one of {@code kinds} (all when none is named) with probability
   * {@code rate}, firing within the first bytes after its head (fewer than {@link #reach(int)}).
   */
  public FaultProxy randomFaults(double rate, Fault... kinds) {
    return randomFaultsOn("", rate, kinds);
  }

  /** {@link #randomFaults}, but only for requests whose request line contains {@code scope}. */
  public synchronized FaultProxy randomFaultsOn(String scope, double rate, Fault... kinds) {
    if (rate < 0 || rate > 1) {
      throw new IllegalArgumentException("rate must be within 0..1, was " + rate);
    }
    this.scope = scope;
    this.rate = rate;
    this.kinds = kinds.length == 0 ? List.of(Fault.values()) : List.of(kinds);
    return this;
  }

  /** How many bytes after its request's head a random fault may fire at most; 512 by default. */
  public synchronized FaultProxy reach(int bytes) {
    if (bytes < 1) {
      throw new IllegalArgumentException("reach must be positive, was " + bytes);
    }
    this.reach = bytes;
    return this;
  }

  /**
   * The next request whose request line ({@code GET /api/v1/... HTTP/1.1}) contains {@code
   * requestLine} gets {@code fault}, firing once {@code afterBytes} more bytes passed its head
   * (counting its body and then the response; for {@link Fault#TRUNCATE} the response only).
   * Scripted faults are used in the order given and come before random ones.
   */
  public synchronized FaultProxy inject(Fault fault, String requestLine, long afterBytes) {
    scripted.add(new Scripted(fault, requestLine, afterBytes));
    return this;
  }

  /**
   * The next {@code requests} requests, whatever they are, are answered by the proxy with {@code
   * status} (503 or 429 make sense) and {@code Retry-After: 1}; the server never sees them.
   */
  public synchronized FaultProxy answerNext(int requests, int status) {
    for (int i = 0; i < requests; i++) {
      answers.add(status);
    }
    return this;
  }

  /** How long a {@link Fault#STALL} holds the connection; 5 s by default. */
  public FaultProxy stallFor(Duration duration) {
    stallFor = duration;
    return this;
  }

  /** How long a {@link Fault#DELAY} holds the request; 200 ms by default. */
  public FaultProxy delayBy(Duration duration) {
    delayBy = duration;
    return this;
  }

  public Counts counts() {
    return new Counts(
        connections.get(),
        requests.get(),
        fired.get(Fault.RESET).get(),
        fired.get(Fault.STALL).get(),
        fired.get(Fault.TRUNCATE).get(),
        fired.get(Fault.DELAY).get(),
        answered.get());
  }

  /** Stops accepting and closes every connection still open, stalled ones included. */
  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    open.forEach(Connection::close);
  }

  @Override
  public String toString() {
    return "FaultProxy[" + url() + " -> " + target + ", " + counts() + "]";
  }

  private void acceptAll() {
    while (!closed) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return;
      }
      connections.incrementAndGet();
      Thread.ofVirtual().name("fault-proxy-requests").start(() -> serve(client));
    }
  }

  private void serve(Socket client) {
    Socket server = new Socket();
    Connection connection = new Connection(client, server);
    open.add(connection);
    try {
      if (closed) {
        return;
      }
      server.connect(target, 5_000);
      Thread.ofVirtual().name("fault-proxy-responses").start(connection::forwardResponses);
      connection.forwardRequests();
    } catch (IOException | InterruptedException e) {
      // The connection broke or was closed: nothing more to forward.
    } finally {
      connection.close();
      open.remove(connection);
    }
  }

  /** What the next request gets: a scripted fault, else perhaps a random one, or null. */
  private synchronized Armed draw(String requestLine, boolean armedAlready) {
    for (Iterator<Scripted> it = scripted.iterator(); it.hasNext(); ) {
      Scripted s = it.next();
      if (requestLine.contains(s.requestLine())) {
        it.remove();
        return new Armed(s.fault(), s.afterBytes());
      }
    }
    if (armedAlready || rate == 0 || !requestLine.contains(scope)) {
      return null;
    }
    if (random.nextDouble() >= rate) {
      return null;
    }
    return new Armed(kinds.get(random.nextInt(kinds.size())), random.nextInt(reach));
  }

  private synchronized Integer nextAnswer() {
    return answers.poll();
  }

  private record Armed(Fault fault, long afterBytes) {}

  /** How many of the bytes read may be forwarded, and which fault fires after them. */
  private record Step(int forward, Fault fire) {}

  /** A client's connection and the proxy's own connection to the target for it. */
  private final class Connection {
    private final Socket client;
    private final Socket server;
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private Fault armed;
    private long left;
    private boolean stalled;

    Connection(Socket client, Socket server) {
      this.client = client;
      this.server = server;
    }

    void forwardRequests() throws IOException, InterruptedException {
      InputStream in = new BufferedInputStream(client.getInputStream(), CHUNK);
      OutputStream out = server.getOutputStream();
      byte[] buffer = new byte[CHUNK];
      while (true) {
        byte[] head = readHead(in);
        if (head == null) {
          return;
        }
        requests.incrementAndGet();
        String text = new String(head, ISO_8859_1);
        String requestLine = text.substring(0, text.indexOf("\r\n"));
        long length = contentLength(text);
        Integer status = nextAnswer();
        if (status != null) {
          answer(in, length, status);
          return;
        }
        Armed drawn = draw(requestLine, isArmed());
        if (drawn != null && drawn.fault() == Fault.DELAY) {
          fired.get(Fault.DELAY).incrementAndGet();
          Thread.sleep(delayBy);
        } else if (drawn != null) {
          arm(drawn); // before the head goes: the answer may come back at once
        }
        out.write(head);
        out.flush();
        // A chunked body cannot be framed here: forward the rest of the connection as it comes.
        long remaining = length < 0 ? Long.MAX_VALUE : length;
        while (remaining > 0) {
          int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
          if (n < 0) {
            return;
          }
          remaining -= n;
          if (!pass(buffer, n, out, false)) {
            return;
          }
        }
      }
    }

    void forwardResponses() {
      byte[] buffer = new byte[CHUNK];
      try {
        InputStream in = server.getInputStream();
        OutputStream out = client.getOutputStream();
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          if (!pass(buffer, n, out, true)) {
            return;
          }
        }
      } catch (IOException | InterruptedException e) {
        // The connection broke or was closed.
      } finally {
        close();
      }
    }

    /** Forwards what the fault allows, then fires it; false once the connection is done. */
    private boolean pass(byte[] buffer, int n, OutputStream out, boolean response)
        throws IOException, InterruptedException {
      Step step = take(n, response);
      if (step == null) {
        // Another direction stalled the connection: forward nothing until it closes.
        closedLatch.await();
        return false;
      }
      if (step.forward() > 0) {
        out.write(buffer, 0, step.forward());
        out.flush();
      }
      if (step.fire() == null) {
        return true;
      }
      fired.get(step.fire()).incrementAndGet();
      switch (step.fire()) {
        case RESET -> reset();
        case STALL -> {
          closedLatch.await(stallFor.toNanos(), TimeUnit.NANOSECONDS);
          close();
        }
        case TRUNCATE, DELAY -> close();
      }
      return false;
    }

    private synchronized boolean isArmed() {
      return armed != null;
    }

    private synchronized void arm(Armed drawn) {
      armed = drawn.fault();
      left = drawn.afterBytes();
    }

    /** Null when stalled; else how many of {@code n} bytes go through, and what fires then. */
    private synchronized Step take(int n, boolean response) {
      if (stalled) {
        return null;
      }
      boolean counted = armed != null && (armed != Fault.TRUNCATE || response);
      if (!counted || n < left) {
        left -= counted ? n : 0;
        return new Step(n, null);
      }
      Fault fire = armed;
      armed = null;
      stalled = fire == Fault.STALL;
      return new Step((int) left, fire);
    }

    /** Answers the request itself, its body read and dropped, and closes the connection. */
    private void answer(InputStream in, long length, int status) throws IOException {
      if (length < 0) {
        return;
      }
      in.skipNBytes(length);
      String body = "the fault proxy answered " + status + "\n";
      String response =
          "HTTP/1.1 "
              + status
              + (status == 429 ? " Too Many Requests" : " Service Unavailable")
              + "\r\nRetry-After: 1\r\nContent-Type: text/plain\r\nContent-Length: "
              + body.length()
              + "\r\nConnection: close\r\n\r\n"
              + body;
      OutputStream out = client.getOutputStream();
      out.write(response.getBytes(US_ASCII));
      out.flush();
      client.shutdownOutput();
      answered.incrementAndGet();
    }

    private void reset() {
      try {
        client.setSoLinger(true, 0);
        server.setSoLinger(true, 0);
      } catch (IOException ignored) {
        // already closed: nothing to reset
      }
      close();
    }

    void close() {
      closedLatch.countDown();
      closeQuietly(client);
      closeQuietly(server);
    }
  }

  /** A request's head through its blank line, or null when the connection ended before one. */
  private static byte[] readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream(512);
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      if (head.size() > HEAD_LIMIT) {
        throw new IOException("a request head longer than " + HEAD_LIMIT + " bytes");
      }
      matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toByteArray();
  }

  /** The body's length: 0 when the head names none, -1 for a chunked body. */
  private static long contentLength(String head) {
    long length = 0;
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).strip();
      if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
        return -1;
      }
      if (name.equals("content-length")) {
        length = Long.parseLong(value);
      }
    }
    return length;
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
