package dev.omega.server;

import dev.omega.core.model.AgentStatus;
import dev.omega.runtime.AgentRuntime;
import dev.omega.runtime.Host;
import dev.omega.runtime.HostState;
import dev.omega.runtime.Resources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agents' hosts on the {@link AgentRuntime}: asked for while the agent is INIT, then followed: INIT
 * to IDLE once the host is ready, to DEAD once it ended (spec 3.1). This class is threadsafe.
 */
final class AgentHosts {
  private static final Logger log = LoggerFactory.getLogger(AgentHosts.class);

  private final ServerSettings settings;
  private final AgentRuntime runtime;
  private final Path files;
  private final Consumer<AgentRecord> persist;
  private final Consumer<AgentRecord> reap;

  /**
   * @param persist stores a record; called with its monitor held
   * @param reap records the end of a record's process once it ended
   */
  AgentHosts(
      ServerSettings settings,
      AgentRuntime runtime,
      Path files,
      Consumer<AgentRecord> persist,
      Consumer<AgentRecord> reap) {
    this.settings = settings;
    this.runtime = runtime;
    this.files = files;
    this.persist = persist;
    this.reap = reap;
  }

  /** Makes the agent's folders, then asks the runtime for its host; DEAD when that fails. */
  void setUp(AgentRecord record) {
    try {
      Files.createDirectories(record.workspace());
      Files.createDirectories(record.dir.resolve("uploads"));
      StorageLinks.link(files, record.workspace(), record.spec.storage());
      Resources resources =
          CatalogCheck.resources(settings, record.spec.computeSize(), record.spec.diskSizeGb());
      synchronized (record) {
        if (record.status() == AgentStatus.INIT && record.host().isEmpty()) {
          record.provisioned(runtime.provision(resources, record.dir));
          persist.accept(record);
        }
      }
      advance(record);
    } catch (IOException | RuntimeException e) {
      log.warn("setting up agent {} failed", record.id, e);
      synchronized (record) {
        if (record.status() == AgentStatus.INIT) {
          record.died("setup failed: " + e.getMessage(), Instant.now());
          persist.accept(record);
        }
      }
    }
  }

  /**
   * An IDLE or BUSY agent stored before agents had hosts (by a local server): its host is the one
   * the runtime gives it now, this machine's.
   */
  void adoptWithoutHost(AgentRecord record) {
    try {
      synchronized (record) {
        record.provisioned(
            runtime.provision(
                CatalogCheck.resources(
                    settings, record.spec.computeSize(), record.spec.diskSizeGb()),
                record.dir));
        persist.accept(record);
      }
    } catch (IOException | RuntimeException e) {
      log.warn("agent {} has no host and none could be had", record.id, e);
    }
  }

  /** Follows the agent's host: INIT to IDLE once it is ready, to DEAD once it ended. */
  void advance(AgentRecord record) {
    Host host;
    synchronized (record) {
      if (record.status() == AgentStatus.DEAD || record.host().isEmpty()) {
        return;
      }
      host = record.host().get();
    }
    HostState state = runtime.state(host);
    synchronized (record) {
      switch (state) {
        case HostState.Starting s -> {}
        case HostState.Ready ready -> {
          if (record.status() == AgentStatus.INIT) {
            record.ready(ready.address(), Instant.now());
            persist.accept(record);
          }
        }
        case HostState.Ended ended -> {
          if (record.status() != AgentStatus.DEAD) {
            if (record.status() == AgentStatus.BUSY) {
              reap.accept(record);
            }
            if (record.status() == AgentStatus.BUSY) {
              record.ended(Optional.empty(), Instant.now());
            }
            record.died(ended.reason(), Instant.now());
            persist.accept(record);
          }
        }
      }
    }
  }
}
