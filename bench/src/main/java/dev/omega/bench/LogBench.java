package dev.omega.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Log streaming: a job prints {@code lines} lines of about 80 bytes while 1, then 100, watchers
 * follow its SSE stream ({@code GET /agents/{id}/watch}); each watcher checks it got every line
 * exactly once, in order.
 */
final class LogBench {
  /** What one watcher saw: how many distinct lines, in order or not, between which instants. */
  record Watched(int lines, boolean inOrder, long firstNanos, long endNanos) {}

  private final Omega omega;
  private final Path work;
  private final PrintStream progress;

  LogBench(Omega omega, Path work, PrintStream progress) {
    this.omega = omega;
    this.work = work;
    this.progress = progress;
  }

  void run(Omega.Server server, int lines, int[] watcherCounts, Table table)
      throws IOException, InterruptedException {
    for (int watchers : watcherCounts) {
      Path project = work.resolve("logs-" + watchers);
      java.nio.file.Files.createDirectories(project);
      // The pause lets every watcher connect before the first line, so that lines are followed
      // live rather than read back from the stored log.
      omega.run(
          project,
          "config",
          "--job-type",
          "job",
          "--command",
          "sleep 3 && seq -f 'line %07.0f of the log streaming benchmark, padded to about 80 bytes'"
              + " 1 "
              + lines);
      omega.run(project, "run", "--detach");
      String agent = Omega.agentId(project);
      List<Watched> seen = watch(server, agent, watchers);
      long first = seen.stream().mapToLong(Watched::firstNanos).min().orElseThrow();
      long end = seen.stream().mapToLong(Watched::endNanos).max().orElseThrow();
      long complete = seen.stream().filter(w -> w.lines() == lines && w.inOrder()).count();
      double perSecond = (double) lines * watchers / ((end - first) / 1e9);
      table.add(
          Row.info(
              "logs: " + lines + " lines to " + watchers + " watcher(s), lines/s delivered",
              Row.format("%.0f lines/s", perSecond),
              "—"),
          progress);
      table.add(
          Row.atLeast(
              "logs: watchers that received every line, in order",
              complete + " of " + watchers,
              complete,
              "all " + watchers,
              watchers),
          progress);
    }
  }

  private List<Watched> watch(Omega.Server server, String agent, int watchers)
      throws InterruptedException {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    URI url = URI.create(server.url() + "/api/v1/agents/" + agent + "/watch");
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Watched>> futures = new ArrayList<>();
      for (int i = 0; i < watchers; i++) {
        futures.add(pool.submit(() -> follow(client, url, server.token())));
      }
      List<Watched> seen = new ArrayList<>();
      for (Future<Watched> f : futures) {
        try {
          seen.add(f.get());
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IllegalStateException("a watcher failed", e.getCause());
        }
      }
      return seen;
    } finally {
      client.shutdownNow();
    }
  }

  private static Watched follow(HttpClient client, URI url, String token) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .header("Authorization", "Bearer " + token)
            .header("Accept", "text/event-stream")
            .build();
    HttpResponse<InputStream> response =
        client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("watch answered " + response.statusCode());
    }
    BitSet ids = new BitSet();
    boolean inOrder = true;
    long expected = 0;
    long first = 0;
    long id = -1;
    String event = "";
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.startsWith("id: ")) {
          id = Long.parseLong(line.substring(4));
        } else if (line.startsWith("event: ")) {
          event = line.substring(7);
        } else if (line.isEmpty()) {
          if (event.equals("line")) {
            if (first == 0) {
              first = System.nanoTime();
            }
            inOrder &= id == expected;
            expected = id + 1;
            ids.set((int) id);
          } else if (event.equals("end")) {
            return new Watched(ids.cardinality(), inOrder, first, System.nanoTime());
          }
          event = "";
        }
      }
    }
    throw new IllegalStateException("the stream ended without its end event");
  }
}
