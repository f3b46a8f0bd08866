import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** An API that serves report.txt as it is on disk now: GET / answers its content. */
public class Api {
  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
    String host = System.getenv().getOrDefault("HOST", "127.0.0.1");
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
    server.createContext(
        "/",
        exchange -> {
          int status = 200;
          byte[] body;
          try {
            body = Files.readAllBytes(Path.of("report.txt"));
          } catch (NoSuchFileException e) {
            status = 404;
            body = "no report yet\n".getBytes();
          }
          System.out.println(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + status);
          exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
          exchange.sendResponseHeaders(status, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    System.out.println("serving report.txt on http://127.0.0.1:" + port + "/");
  }
}
