package dev.omega.bench;

import dev.omega.api.Dtos;
import dev.omega.api.Wire;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The scheduler's fire lag: {@code tasks} tasks scheduled every minute, enabled together, all due
 * at the same minute; the lag of each is its job's start (RUNNING) after the scheduled instant.
 * Measured at that minute (the server's fire path runs for the first time) and at the next.
 */
final class FireLagBench {
  private final PrintStream progress;
  private final HttpClient client = HttpClient.newHttpClient();

  FireLagBench(PrintStream progress) {
    this.progress = progress;
  }

  void run(Omega.Server server, int tasks, Table table) throws IOException, InterruptedException {
    List<String> ids = new ArrayList<>();
    Dtos.TaskSpec spec =
        new Dtos.TaskSpec("job", "* * * * *", "true", "cpu-1", 1, List.of(), Map.of(), "UTC");
    for (int i = 0; i < tasks; i++) {
      String id = UUID.randomUUID().toString();
      call(server, "PUT", "/tasks/" + id, Wire.JSON.writeValueAsString(spec));
      ids.add(id);
    }
    // Enable them all early in a minute, so that they are all due at the next one.
    Instant due = nextMinute(Instant.now());
    if (Duration.between(Instant.now(), due).toSeconds() < 40) {
      sleepUntil(due.plusSeconds(1));
      due = nextMinute(Instant.now());
    }
    for (String id : ids) {
      call(server, "POST", "/tasks/" + id + "/enable", null);
    }
    progress.println("  scheduler: " + tasks + " tasks due at " + due);
    List<Double> lags = lags(server, ids, due);
    Instant next = due.plus(1, ChronoUnit.MINUTES);
    progress.println("  scheduler: the same tasks due again at " + next);
    List<Double> warm = lags(server, ids, next);
    for (String id : ids) {
      call(server, "POST", "/tasks/" + id + "/disable", null);
    }
    Sample lag = new Sample(lags);
    Sample again = new Sample(warm);
    progress.println("  scheduler: starts over time, first fire: " + spread(lag));
    progress.println("  scheduler: starts over time, next minute: " + spread(again));
    table.add(
        Row.atMost(
            "scheduler: fire lag of " + tasks + " tasks due at once, p50 / p99",
            Row.format("%.3f / %.3f s", lag.percentile(0.5), lag.percentile(0.99)),
            lag.percentile(0.99),
            "p99 < 1 s",
            1.0),
        progress);
    table.add(
        Row.atMost(
            "scheduler: the same tasks due again a minute later, p50 / p99",
            Row.format("%.3f / %.3f s", again.percentile(0.5), again.percentile(0.99)),
            again.percentile(0.99),
            "p99 < 1 s",
            1.0),
        progress);
  }

  /**
   * Each task's fire lag at {@code due}: its job's start after it. A job's start is when its
   * process started, so the tasks are read after the fire, not while it is under way: reading 1,000
   * tasks as they start would take the CPU they start with.
   */
  private List<Double> lags(Omega.Server server, List<String> ids, Instant due)
      throws IOException, InterruptedException {
    sleepUntil(due.plusSeconds(3));
    Set<String> ours = Set.copyOf(ids);
    Map<String, Double> lags = new HashMap<>();
    Instant deadline = due.plusSeconds(55);
    while (lags.size() < ids.size() && Instant.now().isBefore(deadline)) {
      Dtos.Task[] all = Wire.JSON.readValue(call(server, "GET", "/tasks", null), Dtos.Task[].class);
      for (Dtos.Task task : all) {
        Dtos.Job job = task.latestJob();
        if (ours.contains(task.id())
            && job != null
            && job.startedAt() != null
            && !Instant.parse(job.startedAt()).isBefore(due)) {
          lags.put(
              task.id(), Duration.between(due, Instant.parse(job.startedAt())).toNanos() / 1e9);
        }
      }
      if (lags.size() < ids.size()) {
        Thread.sleep(500);
      }
    }
    return ids.stream().map(id -> lags.getOrDefault(id, Double.POSITIVE_INFINITY)).toList();
  }

  /** The lags at which the first job, then each tenth of them, had started. */
  private static String spread(Sample lags) {
    StringBuilder text = new StringBuilder(Row.format("first %.3f s", lags.percentile(0)));
    for (int tenth = 1; tenth <= 10; tenth++) {
      text.append(Row.format(", %d%% %.3f", tenth * 10, lags.percentile(tenth / 10.0)));
    }
    return text.toString();
  }

  private static Instant nextMinute(Instant now) {
    return now.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
  }

  private static void sleepUntil(Instant instant) throws InterruptedException {
    long millis = Duration.between(Instant.now(), instant).toMillis();
    if (millis > 0) {
      Thread.sleep(millis);
    }
  }

  private String call(Omega.Server server, String method, String route, String json)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.url() + "/api/v1" + route))
            .header("Authorization", "Bearer " + server.token());
    if (json == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    HttpResponse<String> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          method + " " + route + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }
}
