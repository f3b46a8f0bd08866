import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** An API: answers GET / with a greeting and GET /health with ok, on $HOST:$PORT (127.0.0.1 when HOST is unset). */
public class Api {
  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
    String greeting = System.getenv().getOrDefault("GREETING", "hello");
    String host = System.getenv().getOrDefault("HOST", "127.0.0.1");
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
    server.createContext("/health", exchange -> answer(exchange, "ok\n"));
    server.createContext("/", exchange -> answer(exchange, greeting + " from the Omega API example\n"));
    server.start();
    System.out.println("listening on http://" + host + ":" + port + "/");
  }

  private static void answer(HttpExchange exchange, String body) throws IOException {
    String path = exchange.getRequestURI().getPath();
    boolean known = path.equals("/") || path.equals("/health");
    int status = !exchange.getRequestMethod().equals("GET") ? 405 : known ? 200 : 404;
    byte[] bytes = (status == 200 ? body : "no such page\n").getBytes(StandardCharsets.UTF_8);
    System.out.println(exchange.getRequestMethod() + " " + path + " " + status);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
