package dev.omega.server;

import dev.omega.api.Dtos;
import dev.omega.api.WireMapping;
import dev.omega.core.model.AgentId;
import dev.omega.core.model.AgentSpec;
import dev.omega.core.model.AgentStatus;
import dev.omega.core.model.RunRequest;
import dev.omega.core.sync.Snapshot;
import dev.omega.runtime.AgentRuntime;
import dev.omega.runtime.Host;
import dev.omega.runtime.LaunchSpec;
import dev.omega.runtime.ProcessState;
import dev.omega.runtime.RunningProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agents of every user (spec 3.1): created under the client's id, INIT until the host the
 * {@link AgentRuntime} provisions for it is ready, then running one process at a time there. A
 * monitor notices when a host comes up or ends and when a process ends. This class is threadsafe.
 */
final class AgentService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AgentService.class);

  private final ServerSettings settings;
  private final AgentRuntime runtime;
  private final Path files;
  private final Database db;
  private final AgentHosts hosts;
  private final Map<AgentId, AgentRecord> agents = new ConcurrentHashMap<>();
  private final Thread monitor;
  private volatile boolean closed;

  /**
   * Reads back every agent the database holds; a BUSY one whose process still runs is adopted, one
   * whose process ended meanwhile is recorded as ended by the monitor's first round.
   */
  AgentService(ServerSettings settings, AgentRuntime runtime, Database db) {
    this.settings = settings;
    this.runtime = runtime;
    this.files = runtime.filesRoot(settings.dataDir());
    this.db = db;
    this.hosts = new AgentHosts(settings, runtime, files, this::persist, this::reap);
    for (String json : db.agents()) {
      AgentRecord.Stored stored = Json.read(json, AgentRecord.Stored.class);
      Path dir = dir(AgentId.parse(stored.id()));
      AgentRecord record =
          new AgentRecord(
              stored,
              dir,
              tree(AgentId.parse(stored.id()), dir, WireMapping.toModel(stored.spec())));
      agents.put(record.id, record);
      if (record.status() == AgentStatus.INIT && record.host().isEmpty()) {
        Thread.ofVirtual().name("agent-setup-" + record.id).start(() -> hosts.setUp(record));
      } else if (record.status() != AgentStatus.DEAD && record.host().isEmpty()) {
        hosts.adoptWithoutHost(record);
      }
    }
    this.monitor = Thread.ofVirtual().name("agent-monitor").start(this::monitor);
  }

  /** The agent, and whether this call created it. */
  record Created(Dtos.Agent agent, boolean created) {}

  Created create(String user, AgentId id, AgentSpec spec) {
    CatalogCheck.check(settings, runtime, spec.computeSize(), spec.diskSizeGb(), spec.storage());
    AgentRecord existing = agents.get(id);
    if (existing != null) {
      if (!existing.owner.equals(user)) {
        throw ApiProblem.conflict("id-taken", "agent id " + id + " is taken; choose another UUID");
      }
      if (!existing.spec.equals(spec)) {
        throw ApiProblem.conflict(
            "spec-mismatch",
            "agent " + id + " exists with another spec; choose a new id for a new agent");
      }
      synchronized (existing) {
        return new Created(existing.view(), false);
      }
    }
    Path dir = dir(id);
    AgentRecord record = new AgentRecord(id, user, spec, dir, tree(id, dir, spec), Instant.now());
    AgentRecord raced = agents.putIfAbsent(id, record);
    if (raced != null) {
      return create(user, id, spec);
    }
    synchronized (record) {
      persist(record);
    }
    Thread.ofVirtual().name("agent-setup-" + id).start(() -> hosts.setUp(record));
    synchronized (record) {
      return new Created(record.view(), true);
    }
  }

  Dtos.Agent get(String user, AgentId id) {
    AgentRecord record = find(user, id);
    synchronized (record) {
      return record.view();
    }
  }

  List<Dtos.Agent> list(String user) {
    return agents.values().stream()
        .filter(a -> a.owner.equals(user))
        .sorted(Comparator.comparing(a -> a.createdAt))
        .map(
            a -> {
              synchronized (a) {
                return a.view();
              }
            })
        .toList();
  }

  Dtos.Agent run(String user, AgentId id, RunRequest request) {
    AgentRecord record = find(user, id);
    synchronized (record) {
      if (record.status() != AgentStatus.IDLE) {
        throw illegal(record, "run a process on");
      }
      int port = freePort();
      String token = UUID.randomUUID().toString().replace("-", "");
      String command = command(record, request, port, token);
      Map<String, String> env = new HashMap<>(request.env());
      env.put("PORT", Integer.toString(port));
      env.put("HOST", record.address()); // where the endpoint expects it to listen
      env.put("OMEGA_AGENT_ID", id.toString());
      LaunchSpec launch =
          new LaunchSpec(
              record.workspace(), command, env, record.logFile(), record.dir.resolve("exit-code"));
      try {
        Files.deleteIfExists(launch.exitFile());
        long firstLogLine = new LogFile(record.logFile()).lineCount();
        RunningProcess running = runtime.launch(record.host().orElseThrow(), launch);
        String at = "http://" + record.address() + ":" + port;
        String endpoint =
            switch (record.spec.jobType()) {
              case LAB -> at + "/?token=" + token;
              case API -> at + "/";
              case JOB -> null;
            };
        record.started(running, launch, endpoint, firstLogLine, request.runId(), Instant.now());
        persist(record);
      } catch (IOException e) {
        throw new ApiProblem(
            500, "launch-failed", "the process could not start: " + e.getMessage());
      }
      return record.view();
    }
  }

  Dtos.Agent stop(String user, AgentId id) throws InterruptedException {
    AgentRecord record = find(user, id);
    Optional<RunningProcess> running;
    LaunchSpec launch;
    synchronized (record) {
      if (record.status() == AgentStatus.IDLE) {
        return record.view();
      }
      if (record.status() != AgentStatus.BUSY) {
        throw illegal(record, "stop");
      }
      running = record.running();
      launch = record.launch();
    }
    if (running.isPresent()) {
      runtime.stop(running.get(), launch, settings.stopGrace());
      reap(record);
    }
    synchronized (record) {
      return record.view();
    }
  }

  Dtos.Agent kill(String user, AgentId id) throws InterruptedException {
    AgentRecord record = find(user, id);
    Optional<RunningProcess> running;
    LaunchSpec launch;
    Optional<Host> host;
    synchronized (record) {
      if (record.status() == AgentStatus.DEAD) {
        return record.view();
      }
      running = record.running();
      launch = record.launch();
      host = record.host();
    }
    try {
      if (running.isPresent()) {
        runtime.stop(running.get(), launch, settings.stopGrace());
        reap(record);
      }
    } finally {
      // Ending the host ends what runs there, even a process that did not stop when asked.
      if (host.isPresent()) {
        runtime.release(host.get(), settings.stopGrace());
      }
    }
    synchronized (record) {
      if (record.status() != AgentStatus.DEAD) {
        record.died("terminated by its owner", Instant.now());
        persist(record);
      }
      return record.view();
    }
  }

  RemoteTree files(String user, AgentId id) {
    return find(user, id).files;
  }

  /** The agent's log, and whether its process has ended (so that a partial last line counts). */
  AgentRecord logs(String user, AgentId id) {
    return find(user, id);
  }

  @Override
  public void close() {
    closed = true;
    monitor.interrupt();
  }

  private void monitor() {
    while (!closed) {
      for (AgentRecord record : agents.values()) {
        try {
          reap(record);
          hosts.advance(record);
        } catch (RuntimeException e) {
          log.warn("cannot tell how agent {} stands", record.id, e);
        }
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Records the end of the agent's process once the runtime says it ended. */
  void reap(AgentRecord record) {
    synchronized (record) {
      if (record.status() != AgentStatus.BUSY || record.running().isEmpty()) {
        return;
      }
      switch (runtime.state(record.running().get(), record.launch())) {
        case ProcessState.Running r -> {}
        case ProcessState.Exited e -> {
          record.ended(Optional.of(e.exitCode()), e.at());
          persist(record);
        }
        case ProcessState.Vanished v -> {
          record.ended(Optional.empty(), Instant.now());
          persist(record);
        }
      }
    }
  }

  /** Called with the record's monitor held. */
  void persist(AgentRecord record) {
    db.putAgent(record.id.toString(), record.owner, Json.write(record.stored()));
  }

  private Path dir(AgentId id) {
    return files.resolve("agents").resolve(id.toString());
  }

  private RemoteTree tree(AgentId id, Path dir, AgentSpec spec) {
    String key = "agent/" + id;
    Snapshot agreed =
        db.tree(key)
            .map(json -> WireMapping.toModel(Json.read(json, Dtos.Snapshot.class)))
            .orElse(Snapshot.empty());
    return new RemoteTree(
        dir.resolve("workspace"),
        dir.resolve("uploads"),
        ((long) spec.diskSizeGb()) << 30,
        Set.of("storage"),
        agreed,
        snapshot -> db.putTree(key, Json.write(WireMapping.toDto(snapshot))));
  }

  private String command(AgentRecord record, RunRequest request, int port, String token) {
    return switch (record.spec.jobType()) {
      case LAB -> Jupyter.command(record.address(), port, token);
      case API, JOB ->
          request
              .command()
              .filter(c -> !c.isBlank())
              .orElseThrow(
                  () ->
                      ApiProblem.badRequest("command: an api or job agent needs a command to run"));
    };
  }

  private AgentRecord find(String user, AgentId id) {
    AgentRecord record = agents.get(id);
    if (record == null || !record.owner.equals(user)) {
      throw ApiProblem.notFound("agent " + id);
    }
    return record;
  }

  private static ApiProblem illegal(AgentRecord record, String what) {
    return ApiProblem.conflict(
        "illegal-transition",
        "cannot " + what + " agent " + record.id + " while it is " + record.status());
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
