package dev.omega.cli;

import dev.omega.core.port.RemoteFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import sun.misc.Signal;

/**
 * The named points the reliability harness interrupts the CLI at (docs/RELIABILITY.md): just before
 * and just after every platform call and every local write, e.g. {@code before agents.create} or
 * {@code after workspace.write}. Test-only, driven by the environment:
 *
 * <ul>
 *   <li>{@code OMEGA_CRASH_POINTS=FILE} appends the name of each point passed to FILE;
 *   <li>{@code OMEGA_CRASH_AT=NAME#K} stops the CLI at the K-th pass of NAME: at once, as kill -9
 *       would, or with {@code OMEGA_CRASH_SIGNAL=INT} by sending itself SIGINT, as Ctrl+C would.
 * </ul>
 *
 * Without either variable the ports are used as they are.
 */
final class CrashPoints {
  /** The calls that change something: a rerun of a completed command must pass none of them. */
  static final Set<String> MUTATING =
      Set.of(
          "agents.create",
          "agents.run",
          "agents.stop",
          "agents.kill",
          "tasks.create",
          "tasks.enable",
          "tasks.disable",
          "tasks.run",
          "tasks.stop",
          "files.upload",
          "files.uploadAll",
          "files.delete",
          "files.commit",
          "config.save",
          "workspace.write",
          "workspace.delete",
          "workspace.keepConflictCopy");

  private final Optional<Path> log;
  private final Optional<String> haltAt;
  private final int haltPass;
  private final boolean asCtrlC;
  private final Map<String, Integer> passes = new HashMap<>();

  private CrashPoints(Optional<Path> log, Optional<String> haltAt, int haltPass, boolean asCtrlC) {
    this.log = log;
    this.haltAt = haltAt;
    this.haltPass = haltPass;
    this.asCtrlC = asCtrlC;
  }

  static Optional<CrashPoints> from(Map<String, String> environment) {
    Optional<Path> log = Optional.ofNullable(environment.get("OMEGA_CRASH_POINTS")).map(Path::of);
    String at = environment.get("OMEGA_CRASH_AT");
    if (log.isEmpty() && at == null) {
      return Optional.empty();
    }
    Optional<String> name = Optional.empty();
    int pass = 0;
    if (at != null) {
      int hash = at.lastIndexOf('#');
      if (hash <= 0) {
        throw new IllegalArgumentException("OMEGA_CRASH_AT takes NAME#K, not '" + at + "'");
      }
      name = Optional.of(at.substring(0, hash));
      pass = Integer.parseInt(at.substring(hash + 1));
    }
    boolean asCtrlC = "INT".equals(environment.get("OMEGA_CRASH_SIGNAL"));
    return Optional.of(new CrashPoints(log, name, pass, asCtrlC));
  }

  /**
   * {@code target} with a point before and after each of its calls, named {@code prefix.method}.
   */
  <T> T around(Class<T> port, String prefix, T target) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.getDeclaringClass() == Object.class) {
            return method.invoke(target, args);
          }
          String name = prefix + "." + method.getName();
          pass("before " + name);
          Object result;
          try {
            result = method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          pass("after " + name);
          return result instanceof RemoteFiles files
              ? around(RemoteFiles.class, "files", files)
              : result;
        };
    return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, handler));
  }

  private synchronized void pass(String point) {
    log.ifPresent(file -> append(file, point));
    int count = passes.merge(point, 1, Integer::sum);
    if (haltAt.isPresent() && haltAt.get().equals(point) && count == haltPass) {
      if (asCtrlC) {
        Signal.raise(new Signal("INT"));
      } else {
        Runtime.getRuntime().halt(137);
      }
    }
  }

  private static void append(Path file, String point) {
    try {
      Files.writeString(
          file,
          point + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
