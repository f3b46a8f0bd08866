package dev.omega.http;

import dev.omega.core.port.NetworkException;
import dev.omega.core.sync.FileEntry;
import dev.omega.core.sync.Sha256;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpRequest;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A downloaded file's bytes as they arrive ({@code GET .../files/<path>}), checked against the
 * plan's entry: more bytes than its size, or a digest that differs at the end, fail the read with
 * an {@link IOException} (the caller keeps its old file).
 *
 * <p>When the connection breaks mid-body (a reset, an early end, {@code request} timeout of
 * silence), the download resumes transparently with {@code Range: bytes=<n>-} from the first byte
 * not yet read, at most {@link #RESUMES} times per download; the server answers 206 (a 200 is read
 * from its start, skipping what was already read). Past that, or when the new request itself fails,
 * the read throws the {@link dev.omega.core.port.PlatformException} the failure maps to (unchecked,
 * so that it passes through the caller's copy loop): a {@link NetworkException} makes the core
 * retry this file on its own, with backoff.
 */
final class ResumingDownload extends InputStream {
  /** How many times one download resumes after a break before it gives up. */
  static final int RESUMES = 3;

  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-\\d+/(\\d+|\\*)");

  private final Transport transport;
  private final String route;
  private final FileEntry entry;
  private final MessageDigest digest = Sha256.newDigest();
  private BodyStream body;
  private long position;
  private int resumes;
  private boolean verified;
  private boolean closed;

  private ResumingDownload(Transport transport, String route, FileEntry entry) {
    this.transport = transport;
    this.route = route;
    this.entry = entry;
  }

  /**
   * Opens the download: the first request's failure surfaces here, as its {@link
   * dev.omega.core.port.PlatformException}.
   */
  static ResumingDownload open(Transport transport, String route, FileEntry entry) {
    ResumingDownload download = new ResumingDownload(transport, route, entry);
    try {
      download.body = download.connect();
    } catch (InterruptedIOException e) {
      throw Errors.interrupted("GET " + route);
    } catch (IOException e) {
      throw transport.errors().fromFailure("GET " + route, e);
    }
    return download;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] into, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, into.length);
    if (closed) {
      throw new IOException("the download of " + entry.path() + " was closed");
    }
    if (length == 0) {
      return 0;
    }
    while (true) {
      int n;
      try {
        n = body.read(into, offset, length);
      } catch (InterruptedIOException e) {
        if (Thread.currentThread().isInterrupted()) {
          throw e;
        }
        resume(e);
        continue;
      } catch (IOException e) {
        resume(e);
        continue;
      }
      if (n < 0) {
        if (position < entry.size()) {
          resume(new EOFException("the body ended after " + position + " bytes"));
          continue;
        }
        verify();
        return -1;
      }
      position += n;
      digest.update(into, offset, n);
      if (position > entry.size()) {
        throw new IOException(
            entry.path()
                + " arrived with more than the "
                + entry.size()
                + " bytes the plan named; the platform holds another version. Sync again.");
      }
      return n;
    }
  }

  @Override
  public int available() {
    return body.available();
  }

  @Override
  public void close() {
    closed = true;
    body.close();
  }

  /**
   * Reconnects from {@link #position}, or gives up with the failure as the core should see it. A
   * new request that fails with an answer (an error status, a refused connection) ends the download
   * at once with its own kind.
   */
  private void resume(IOException broken) throws IOException {
    body.close();
    IOException last = broken;
    while (resumes < RESUMES) {
      resumes++;
      try {
        body = connect();
        return;
      } catch (InterruptedIOException e) {
        throw e;
      } catch (IOException e) {
        last = e;
      }
    }
    throw new NetworkException(
        "GET "
            + route
            + ": the download broke at byte "
            + position
            + " of "
            + entry.size()
            + " and did not resume after "
            + RESUMES
            + " attempts ("
            + last.getMessage()
            + ")",
        Optional.empty(),
        last);
  }

  /**
   * One request from {@link #position}.
   *
   * @throws InterruptedIOException with the thread's interrupt flag set
   */
  private BodyStream connect() throws IOException {
    String what = "GET " + route;
    HttpRequest.Builder request =
        transport.request(route).header("Accept", "application/octet-stream").GET();
    if (position > 0) {
      request.header("Range", "bytes=" + position + "-");
    }
    Transport.Streamed answer;
    try {
      answer = transport.open(what, request.build(), transport.timeouts().request());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException(what + ": interrupted");
    }
    if (position > 0 && answer.status() == 206) {
      Optional<Long> start = rangeStart(answer);
      if (start.isPresent() && start.get() != position) {
        answer.body().close();
        throw Errors.badResponse(
            what, 206, "asked for bytes from " + position + ", got a range from " + start.get());
      }
    } else if (position > 0) {
      // The whole file again: skip what was already read and checked.
      try {
        answer.body().skipNBytes(position);
      } catch (IOException e) {
        answer.body().close();
        throw e;
      }
    }
    return answer.body();
  }

  private static Optional<Long> rangeStart(Transport.Streamed answer) {
    Optional<String> header = answer.headers().firstValue("Content-Range");
    if (header.isEmpty()) {
      return Optional.empty();
    }
    Matcher m = CONTENT_RANGE.matcher(header.get().strip());
    return m.matches() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
  }

  private void verify() throws IOException {
    if (verified) {
      return;
    }
    String sha256 = Sha256.hex(digest);
    if (!sha256.equals(entry.sha256())) {
      throw new IOException(
          entry.path()
              + " arrived with digest "
              + sha256
              + " instead of "
              + entry.sha256()
              + "; the platform holds other bytes than the plan named. Sync again.");
    }
    verified = true;
  }
}
