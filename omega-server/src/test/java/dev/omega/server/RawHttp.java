package dev.omega.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 written by hand on a socket, for requests no well-behaved client sends: a body far
 * larger than it will ever finish sending, a header of any size. The body is written from another
 * thread, so that the server's early answer is read even while the body is still refused.
 */
final class RawHttp {
  private RawHttp() {}

  /**
   * Sends {@code head} (request line and headers, without the blank line), then {@code bodyBytes}
   * bytes of {@code filler} (with {@code prefix} first), and returns the answer's status line.
   */
  static String statusLine(URI server, String head, String prefix, byte filler, long bodyBytes)
      throws IOException, InterruptedException {
    try (Socket socket = new Socket(server.getHost(), server.getPort())) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      Thread writer =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      out.write(prefix.getBytes(StandardCharsets.UTF_8));
                      byte[] chunk = new byte[64 * 1024];
                      java.util.Arrays.fill(chunk, filler);
                      for (long left = bodyBytes; left > 0; left -= chunk.length) {
                        out.write(chunk, 0, (int) Math.min(chunk.length, left));
                      }
                      out.flush();
                    } catch (IOException refused) {
                      // the server answered and closed: what the test is about
                    }
                  });
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
      String status = in.readLine();
      writer.interrupt();
      return status == null ? "(no answer)" : status;
    }
  }
}
