package dev.omega.server.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The resident process that starts this machine's jobs ({@code job-launcher.pl}, run by {@code
 * perl}, which every Debian and Ubuntu has: {@code perl-base} is essential). Starting a job costs
 * it one fork and one exec, where a chain of small programs per job cost several of each; it is the
 * jobs' parent and records each one's exit code, and it outlives the server (in a session of its
 * own, deaf to HUP, INT and TERM) until its last job has ended.
 *
 * <p>There is one launcher per processor, up to {@value #MAX_LAUNCHERS}, taking turns, so that jobs
 * start on every core. Requests are pipelined: many threads may ask one launcher at once, and it
 * answers in order. Each is started on first use, and again if it ended. This class is threadsafe.
 */
final class JobLauncher {
  /** The launcher process that started a job, by which the job's exit code is awaited. */
  record Identity(long pid, Instant startedAt) {}

  /** A started job: its PID and start time, and the launcher that records its exit code. */
  record Started(long pid, Instant startedAt, Identity launcher) {}

  private static final String SCRIPT = script();

  /** Past a few, more launchers start no more jobs a second: the kernel's fork and exec do. */
  private static final int MAX_LAUNCHERS = 4;

  private final String perl;
  private final Slot[] slots;
  private final AtomicInteger turn = new AtomicInteger();

  /** Launchers run by {@code perl}, its path. */
  JobLauncher(String perl) {
    this.perl = perl;
    this.slots = new Slot[Math.clamp(Runtime.getRuntime().availableProcessors(), 1, MAX_LAUNCHERS)];
    Arrays.setAll(slots, i -> new Slot());
  }

  /**
   * Starts {@code command} with {@code /bin/sh -c} in {@code workspace}, in a session of its own,
   * stdin {@code /dev/null}, stdout and stderr appended to {@code log}, its environment exactly
   * {@code env} plus {@code OMEGA_JOB_GROUP}, every signal at its default disposition. Returns once
   * its shell runs; its exit code will be written to {@code exitFile}.
   *
   * @throws IOException when it could not start, saying why
   */
  Started start(Path workspace, String command, Path log, Path exitFile, Map<String, String> env)
      throws IOException {
    List<String> fields = new ArrayList<>();
    fields.add(workspace.toString());
    fields.add(command);
    fields.add(log.toString());
    fields.add(exitFile.toString());
    env.forEach((name, value) -> fields.add(name + "=" + value));
    byte[] request = encode(fields);

    CompletableFuture<String> answer = new CompletableFuture<>();
    Slot slot = slots[Math.floorMod(turn.getAndIncrement(), slots.length)];
    Identity launcher = slot.ask(request, answer);
    String line = await(answer);
    if (line.startsWith("started ")) {
      String[] parts = line.split(" ");
      return new Started(
          Long.parseLong(parts[1]), ProcessClock.startOf(Long.parseLong(parts[2])), launcher);
    }
    throw new IOException(line.startsWith("failed ") ? line.substring("failed ".length()) : line);
  }

  /** One launcher, started when first asked and again once it ended. */
  private final class Slot {
    final ReentrantLock lock = new ReentrantLock();
    Running running; // guarded by lock

    /** Sends the request to this slot's launcher; returns which one will answer it. */
    Identity ask(byte[] request, CompletableFuture<String> answer) throws IOException {
      lock.lock();
      try {
        if (running == null || !running.process.isAlive()) {
          running = new Running(this, launch());
        }
        running.ask(request, answer);
        return running.identity;
      } finally {
        lock.unlock();
      }
    }
  }

  private Process launch() throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(perl, "-e", SCRIPT)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .directory(new File("/"));
    builder.environment().clear();
    return builder.start();
  }

  private static String await(CompletableFuture<String> answer) throws IOException {
    try {
      return answer.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while the job started", e);
    }
  }

  /** The fields, each ending in NUL, after their number. */
  private static byte[] encode(List<String> fields) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes((fields.size() + "\0").getBytes(UTF_8));
    for (String field : fields) {
      if (field.indexOf('\0') >= 0) {
        throw new IOException("a job's command, paths and environment cannot hold NUL");
      }
      out.writeBytes(field.getBytes(UTF_8));
      out.write(0);
    }
    return out.toByteArray();
  }

  private static String script() {
    try (InputStream in = JobLauncher.class.getResourceAsStream("job-launcher.pl")) {
      if (in == null) {
        throw new IllegalStateException("job-launcher.pl is missing from the server's jar");
      }
      return new String(in.readAllBytes(), UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One launcher process: requests written in order, answers read in order by a thread. */
  private static final class Running {
    final Slot slot;
    final Process process;
    final Identity identity;
    final OutputStream requests;
    final Queue<CompletableFuture<String>> waiting = new ArrayDeque<>(); // guarded by slot.lock

    Running(Slot slot, Process process) {
      this.slot = slot;
      this.process = process;
      this.identity =
          new Identity(
              process.pid(),
              ProcStat.read(process.pid()).map(ProcStat::startedAt).orElseGet(Instant::now));
      this.requests = process.getOutputStream();
      // A platform thread: a virtual one would pin a carrier thread in the blocking pipe read.
      Thread.ofPlatform().daemon().name("job-launcher-" + process.pid()).start(this::readAnswers);
    }

    void ask(byte[] request, CompletableFuture<String> answer) throws IOException {
      waiting.add(answer);
      try {
        requests.write(request);
        requests.flush();
      } catch (IOException e) {
        waiting.remove(answer);
        throw new IOException("the job launcher is gone: " + e.getMessage(), e);
      }
    }

    private void readAnswers() {
      try (BufferedReader answers =
          new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
        String line;
        while ((line = answers.readLine()) != null) {
          CompletableFuture<String> next;
          slot.lock.lock();
          try {
            next = waiting.poll();
          } finally {
            slot.lock.unlock();
          }
          if (next != null) {
            next.complete(line);
          }
        }
      } catch (IOException e) {
        // gone: fail what waits, below
      }
      slot.lock.lock();
      try {
        IOException gone = new IOException("the job launcher ended");
        waiting.forEach(answer -> answer.completeExceptionally(gone));
        waiting.clear();
        if (slot.running == this) {
          slot.running = null;
        }
      } finally {
        slot.lock.unlock();
      }
    }
  }
}
