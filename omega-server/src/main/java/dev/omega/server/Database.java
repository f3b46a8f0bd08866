package dev.omega.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The server's state in one SQLite file in the data folder, in WAL mode. The schema is versioned:
 * {@code db/V<n>__<name>.sql} are applied in order, once each, and the version is kept in SQLite's
 * {@code user_version}. (A migration library would be more than these few lines need.) This class
 * is threadsafe: one connection, used under its lock.
 */
final class Database implements AutoCloseable {
  private static final List<String> MIGRATIONS = List.of("V1__agents.sql", "V2__tasks.sql");

  private final Connection connection;
  private final List<Write> queued = new ArrayList<>(); // guarded by itself
  private boolean closing; // guarded by queued
  final Thread writer = Thread.ofPlatform().daemon().name("database-writer").unstarted(this::write);

  private Database(Connection connection) {
    this.connection = connection;
  }

  static Database open(Path file) {
    try {
      Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement s = connection.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=NORMAL");
        s.execute("PRAGMA busy_timeout=5000");
      }
      Database db = new Database(connection);
      db.migrate();
      db.writer.start();
      return db;
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot open the database " + file + ": " + e.getMessage(), e);
    }
  }

  synchronized void putAgent(String id, String owner, String record) {
    update(
        "INSERT INTO agents (id, owner, record) VALUES (?, ?, ?)"
            + " ON CONFLICT(id) DO UPDATE SET record = excluded.record",
        id,
        owner,
        record);
  }

  synchronized void putTree(String id, String agreed) {
    update(
        "INSERT INTO trees (id, agreed) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET agreed = excluded.agreed",
        id,
        agreed);
  }

  /** A task's row and, when it has one, its latest job's. */
  record TaskRow(String id, String owner, String record, String jobId, String job) {}

  /**
   * Stores tasks, each with its latest job when it has one, in one transaction: a fire's job and
   * the task's record of having fired are kept together or not at all. Callers that ask at once
   * share a commit (group commit): the writer thread commits whatever is queued in one transaction,
   * and each caller returns once its rows are. A caller holds the monitors of its tasks meanwhile,
   * so rows of one task never pass each other.
   */
  void putTasks(List<TaskRow> rows) {
    Write mine = new Write(rows);
    synchronized (queued) {
      if (closing) {
        throw new IllegalStateException("cannot store tasks: the database is closed");
      }
      queued.add(mine);
      queued.notifyAll();
    }
    try {
      mine.committed.join();
    } catch (CompletionException e) {
      switch (e.getCause()) {
        case RuntimeException r -> throw r;
        case Error r -> throw r;
        default -> throw new IllegalStateException(e.getCause());
      }
    }
  }

  /**
   * The writer thread's loop, until the database closes and what was queued is committed. One
   * thread commits so that no caller commits for others: the scheduler's thread, holding the tasks
   * it fired, once waited 0.7 s to learn that its rows were committed.
   */
  private void write() {
    while (true) {
      List<Write> batch;
      synchronized (queued) {
        while (queued.isEmpty() && !closing) {
          try {
            queued.wait();
          } catch (InterruptedException e) {
            closing = true;
          }
        }
        if (queued.isEmpty()) {
          return;
        }
        batch = List.copyOf(queued);
        queued.clear();
      }
      try {
        synchronized (this) {
          commit(batch);
        }
        batch.forEach(write -> write.committed.complete(null));
      } catch (Throwable e) {
        batch.forEach(write -> write.committed.completeExceptionally(e));
      }
    }
  }

  /** Rows asked to be stored, and whether they are. */
  private record Write(List<TaskRow> rows, CompletableFuture<Void> committed) {
    Write(List<TaskRow> rows) {
      this(rows, new CompletableFuture<>());
    }
  }

  private void commit(List<Write> batch) {
    try {
      connection.setAutoCommit(false);
      try (PreparedStatement task =
              connection.prepareStatement(
                  "INSERT INTO tasks (id, owner, record) VALUES (?, ?, ?)"
                      + " ON CONFLICT(id) DO UPDATE SET record = excluded.record");
          PreparedStatement job =
              connection.prepareStatement(
                  "INSERT INTO jobs (id, task_id, record) VALUES (?, ?, ?)"
                      + " ON CONFLICT(id) DO UPDATE SET record = excluded.record")) {
        for (Write write : batch) {
          for (TaskRow row : write.rows()) {
            execute(task, row.id(), row.owner(), row.record());
            if (row.jobId() != null) {
              execute(job, row.jobId(), row.id(), row.job());
            }
          }
        }
        connection.commit();
      } catch (RuntimeException | SQLException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store tasks: " + e.getMessage(), e);
    }
  }

  private static void execute(PreparedStatement statement, String... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      statement.setString(i + 1, values[i]);
    }
    statement.executeUpdate();
  }

  synchronized List<String> tasks() {
    return strings("SELECT record FROM tasks ORDER BY rowid");
  }

  /** Each task's latest job: task id to the job's record. */
  synchronized Map<String, String> latestJobs() {
    Map<String, String> jobs = new HashMap<>();
    try (Statement s = connection.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT task_id, record FROM jobs WHERE rowid IN"
                    + " (SELECT max(rowid) FROM jobs GROUP BY task_id)")) {
      while (r.next()) {
        jobs.put(r.getString(1), r.getString(2));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    return jobs;
  }

  synchronized List<String> agents() {
    return strings("SELECT record FROM agents ORDER BY rowid");
  }

  synchronized Optional<String> tree(String id) {
    try (PreparedStatement p =
        connection.prepareStatement("SELECT agreed FROM trees WHERE id = ?")) {
      p.setString(1, id);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  synchronized int version() {
    return strings("PRAGMA user_version").stream()
        .mapToInt(Integer::parseInt)
        .findFirst()
        .orElse(0);
  }

  @Override
  public void close() {
    synchronized (queued) {
      closing = true;
      queued.notifyAll();
    }
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      try {
        connection.close();
      } catch (SQLException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    }
  }

  private void migrate() throws SQLException {
    int version = version();
    for (int v = version; v < MIGRATIONS.size(); v++) {
      connection.setAutoCommit(false);
      try (Statement s = connection.createStatement()) {
        for (String statement : read(MIGRATIONS.get(v)).split(";")) {
          if (!statement.isBlank()) {
            s.execute(statement);
          }
        }
        s.execute("PRAGMA user_version = " + (v + 1));
        connection.commit();
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    }
  }

  private void update(String sql, String... values) {
    try (PreparedStatement p = connection.prepareStatement(sql)) {
      execute(p, values);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store " + values[0] + ": " + e.getMessage(), e);
    }
  }

  private List<String> strings(String sql) {
    List<String> values = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        values.add(r.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    return values;
  }

  private static String read(String migration) {
    try (InputStream in = Database.class.getResourceAsStream("db/" + migration)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
