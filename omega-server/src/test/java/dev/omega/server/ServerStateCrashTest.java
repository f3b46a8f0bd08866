package dev.omega.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omega.api.Dtos;
import dev.omega.api.Wire;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the server in the middle of writes of its own state: agents and tasks created, tasks
 * switched on and off, one request after another as fast as it answers. The next server starts on
 * what was written (the database passes SQLite's integrity check), every acknowledged write is
 * there, the write in flight is there whole or not at all, and creating again converges.
 */
class ServerStateCrashTest {
  private static final String TASK =
      "{\"job_type\":\"job\",\"job_schedule\":\"0 3 * * *\",\"command\":\"true\","
          + "\"compute_size\":\"cpu-1\",\"disk_size\":1}";
  private static final String AGENT =
      "{\"job_type\":\"job\",\"compute_size\":\"cpu-1\",\"disk_size\":1}";

  @TempDir Path data;
  private ServerProcess server;

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  private enum Kind {
    CREATE_AGENT,
    CREATE_TASK,
    ENABLE,
    DISABLE
  }

  /** One write: its request, and its kind and target, to record once it is acknowledged. */
  private record Write(String method, String path, String body, Kind kind, String id) {}

  @Test
  void aServerKilledAmidWritesOfItsStateKeepsEveryAcknowledgedWriteAndCreatingAgainConverges()
      throws Exception {
    server = new ServerProcess(data);
    Random random = new Random(11);
    List<String> agents = new ArrayList<>();
    Map<String, String> taskStatus = new HashMap<>();
    int cutMidWrite = 0;
    for (int round = 1; round <= 6; round++) {
      server.start();
      // When: writes, one after another, until the server is killed after a random number of them
      AtomicReference<Write> inFlight = new AtomicReference<>();
      AtomicInteger acknowledged = new AtomicInteger();
      Random writes = new Random(random.nextLong());
      CompletableFuture<Void> writer =
          CompletableFuture.runAsync(
              () -> writeUntilRefused(writes, inFlight, acknowledged, agents, taskStatus));
      int killAfter = 3 + random.nextInt(40);
      ServerFixture.await(
          killAfter + " writes", () -> acknowledged.get() >= killAfter || writer.isDone());
      server.killNine();
      writer.get();
      Write cut = inFlight.get();
      cutMidWrite += cut == null ? 0 : 1;
      // Then: the database is whole
      assertThat(integrityCheck()).as("round %d", round).isEqualTo("ok");
      server.start();
      for (String id : agents) {
        assertThat(server.call("GET", "/agents/" + id, null).statusCode())
            .as("round %d: agent %s", round, id)
            .isEqualTo(200);
      }
      if (cut != null && cut.kind() == Kind.CREATE_AGENT) {
        // the create in flight applied whole, or not at all
        if (server.call("GET", "/agents/" + cut.id(), null).statusCode() == 200) {
          agents.add(cut.id());
        }
      }
      if (cut != null && cut.kind() == Kind.CREATE_TASK) {
        if (server.call("GET", "/tasks/" + cut.id(), null).statusCode() == 200) {
          taskStatus.put(cut.id(), "OFF");
        }
      }
      for (Map.Entry<String, String> task : taskStatus.entrySet()) {
        HttpResponse<String> got = server.call("GET", "/tasks/" + task.getKey(), null);
        assertThat(got.statusCode()).as("round %d: task %s", round, task.getKey()).isEqualTo(200);
        String status = Wire.JSON.readValue(got.body(), Dtos.Task.class).status();
        if (cut != null && cut.id().equals(task.getKey())) {
          assertThat(status).isIn(task.getValue(), cut.kind() == Kind.ENABLE ? "ON" : "OFF");
          task.setValue(status);
        } else {
          assertThat(status)
              .as("round %d: task %s", round, task.getKey())
              .isEqualTo(task.getValue());
        }
      }
      server.killNine();
    }
    // Then: creating every one of them again changes nothing, and nothing is there twice
    server.start();
    for (String id : agents) {
      assertThat(server.call("PUT", "/agents/" + id, AGENT).statusCode()).isEqualTo(200);
    }
    for (String id : taskStatus.keySet()) {
      assertThat(server.call("PUT", "/tasks/" + id, TASK).statusCode()).isEqualTo(200);
    }
    Dtos.Agent[] listed =
        Wire.JSON.readValue(server.call("GET", "/agents", null).body(), Dtos.Agent[].class);
    Dtos.Task[] tasks =
        Wire.JSON.readValue(server.call("GET", "/tasks", null).body(), Dtos.Task[].class);
    assertThat(listed).hasSize(agents.size());
    assertThat(tasks).hasSize(taskStatus.size());
    assertThat(agents.size() + taskStatus.size()).as("writes acknowledged").isGreaterThan(20);
    assertThat(cutMidWrite).as("rounds killed with a write in flight").isGreaterThanOrEqualTo(3);
  }

  /**
   * Creates agents and tasks and switches tasks on and off, recording each acknowledged write,
   * until the server stops answering; the write it was sending then is left in {@code inFlight}.
   */
  private void writeUntilRefused(
      Random random,
      AtomicReference<Write> inFlight,
      AtomicInteger acknowledged,
      List<String> agents,
      Map<String, String> taskStatus) {
    while (true) {
      Write write = next(random, taskStatus);
      inFlight.set(write);
      HttpResponse<String> answer;
      try {
        answer = server.call(write.method(), write.path(), write.body());
      } catch (UncheckedIOException killed) {
        return;
      }
      assertThat(answer.statusCode())
          .as("%s %s: %s", write.method(), write.path(), answer.body())
          .isBetween(200, 201);
      switch (write.kind()) {
        case CREATE_AGENT -> agents.add(write.id());
        case CREATE_TASK, DISABLE -> taskStatus.put(write.id(), "OFF");
        case ENABLE -> taskStatus.put(write.id(), "ON");
      }
      inFlight.set(null);
      acknowledged.incrementAndGet();
    }
  }

  private static Write next(Random random, Map<String, String> tasks) {
    int choice = random.nextInt(4);
    if (tasks.isEmpty() || choice == 0) {
      String id = UUID.randomUUID().toString();
      return new Write("PUT", "/tasks/" + id, TASK, Kind.CREATE_TASK, id);
    }
    if (choice == 1) {
      String id = UUID.randomUUID().toString();
      return new Write("PUT", "/agents/" + id, AGENT, Kind.CREATE_AGENT, id);
    }
    List<String> ids = new ArrayList<>(tasks.keySet());
    String id = ids.get(random.nextInt(ids.size()));
    return choice == 2
        ? new Write("POST", "/tasks/" + id + "/enable", null, Kind.ENABLE, id)
        : new Write("POST", "/tasks/" + id + "/disable", null, Kind.DISABLE, id);
  }

  private String integrityCheck() throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("omega.db"));
        Statement statement = db.createStatement();
        ResultSet result = statement.executeQuery("PRAGMA integrity_check")) {
      result.next();
      return result.getString(1);
    }
  }
}
