package dev.omega.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body read as it arrives, with an idle watchdog: a read that waits longer than {@code
 * idle} for the next bytes fails with {@link Silent} and drops the connection. The JDK's request
 * timeout is not used for streamed bodies (it does not cover a body the same way on every JDK), so
 * a long body is never cut while bytes still flow, and a stalled one never hangs.
 *
 * <p>At most one batch of buffers is asked for ahead of the reader, so memory stays flat whatever
 * the body's size. Given to {@code sendAsync} as the body subscriber, it is the response's body as
 * soon as the headers arrive.
 */
final class BodyStream extends InputStream implements BodySubscriber<InputStream> {
  /** The body stayed silent past the idle limit; the connection was dropped. */
  static final class Silent extends IOException {
    Silent(Duration idle) {
      super("no bytes for " + idle.toMillis() + " ms; the connection counts as broken");
    }
  }

  private static final Object END = new Object();

  private final Duration idle;
  private final BlockingQueue<Object> arrived = new LinkedBlockingQueue<>();
  private final CompletableFuture<InputStream> body = CompletableFuture.completedFuture(this);
  private volatile Flow.Subscription subscription;
  private volatile boolean closed;
  private Iterator<ByteBuffer> batch = Collections.emptyIterator();
  private ByteBuffer current;
  private boolean ended;
  private IOException failure;

  BodyStream(Duration idle) {
    this.idle = idle;
  }

  // The HTTP client's side.

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (closed) {
      s.cancel();
    } else {
      s.request(1);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    arrived.add(buffers);
  }

  @Override
  public void onError(Throwable throwable) {
    arrived.add(throwable);
  }

  @Override
  public void onComplete() {
    arrived.add(END);
  }

  @Override
  public CompletionStage<InputStream> getBody() {
    return body;
  }

  // The reader's side.

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] into, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, into.length);
    if (length == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(length, current.remaining());
    current.get(into, offset, n);
    return n;
  }

  @Override
  public int available() {
    return closed || current == null ? 0 : current.remaining();
  }

  /** Drops the connection unless the body was read to its end. */
  @Override
  public void close() {
    closed = true;
    Flow.Subscription s = subscription;
    if (s != null && !ended) {
      s.cancel();
    }
  }

  /** Whether there are bytes to read now; false at the end of the body. */
  private boolean fill() throws IOException {
    while (current == null || !current.hasRemaining()) {
      if (failure != null) {
        throw failure;
      }
      if (closed) {
        throw new IOException("the body was closed");
      }
      if (batch.hasNext()) {
        current = batch.next();
        continue;
      }
      if (ended) {
        return false;
      }
      Object next;
      try {
        next = arrived.poll(idle.toNanos(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        close();
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while reading the body");
      }
      if (next == null) {
        failure = new Silent(idle);
        close();
        throw failure;
      } else if (next == END) {
        ended = true;
      } else if (next instanceof Throwable t) {
        failure = t instanceof IOException io ? io : new IOException(t.getMessage(), t);
      } else {
        @SuppressWarnings("unchecked")
        List<ByteBuffer> buffers = (List<ByteBuffer>) next;
        batch = buffers.iterator();
        subscription.request(1);
      }
    }
    return true;
  }
}
