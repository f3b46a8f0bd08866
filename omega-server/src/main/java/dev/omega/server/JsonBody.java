package dev.omega.server;

import dev.omega.api.Wire;
import io.javalin.http.Context;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A JSON request body read with a size limit: 413 when its Content-Length is past the limit, before
 * a byte is read, and as soon as a body without one (chunked) grows past it. Javalin's own limit
 * covers only bodies read whole, and Jackson's only single strings and numbers.
 */
final class JsonBody {
  /** For a spec or a run request, which are a few hundred bytes. */
  static final long LIMIT = 1L << 20;

  /** For a sync plan's snapshot: about 130 bytes a file, so some 500,000 files. */
  static final long SNAPSHOT_LIMIT = 64L << 20;

  private JsonBody() {}

  static <T> T read(Context ctx, Class<T> type) throws IOException {
    return read(ctx, type, LIMIT);
  }

  static <T> T read(Context ctx, Class<T> type, long limit) throws IOException {
    long declared = ctx.req().getContentLengthLong();
    if (declared > limit) {
      throw tooLarge(declared + " bytes", limit);
    }
    Limited body = new Limited(ctx.bodyInputStream(), limit);
    try (body) {
      return Wire.JSON.readValue(body, type);
    } catch (IOException | RuntimeException e) {
      if (body.exceeded) {
        // Jackson wraps what the stream throws in a mapping error: the size is the problem.
        throw tooLarge("more than " + limit + " bytes", limit);
      }
      throw e;
    }
  }

  private static ApiProblem tooLarge(String size, long limit) {
    return new ApiProblem(
        413,
        "body-too-large",
        "the request body ("
            + size
            + ") is larger than the "
            + limit
            + " bytes this route takes; send less (a sync of that many files: sync a part of"
            + " the project, leaving the rest out with .omegaignore)");
  }

  private static final class Limited extends FilterInputStream {
    private final long limit;
    private long read;
    private boolean exceeded;

    Limited(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) {
      read += n;
      if (read > limit) {
        exceeded = true;
        throw tooLarge("more than " + limit + " bytes", limit);
      }
    }
  }
}
