package dev.omega.api;

import java.util.List;
import java.util.Map;

/**
 * The JSON bodies of the HTTP API v1, exactly as {@code openapi.yaml} describes them. Times are
 * ISO-8601 strings in UTC; absent values are {@code null}.
 */
public final class Dtos {
  private Dtos() {}

  /** PUT /agents/{id}. */
  public record AgentSpec(String jobType, String computeSize, int diskSize, List<String> storage) {}

  /** An agent's process: running while {@code endedAt} is null. */
  public record Process(
      String startedAt, String endedAt, Integer exitCode, Long firstLogLine, String runId) {}

  /** GET /agents/{id}. */
  public record Agent(
      String id,
      String status,
      String jobType,
      String computeSize,
      int diskSize,
      List<String> storage,
      String createdAt,
      String statusSince,
      Process process,
      String endpoint,
      String reason,
      boolean limitsEnforced) {}

  /** POST /agents/{id}/run. */
  public record RunRequest(String command, Map<String, String> env, String runId) {}

  public record FileEntry(String path, long size, long mtime, String sha256) {}

  /**
   * POST .../sync: the client's FilesSnapshotModel, and the paths it leaves out of this sync on
   * both sides (its ignore rules exclude them).
   */
  public record Snapshot(List<FileEntry> files, List<String> leftOut) {}

  /**
   * GET .../sync: the content digest of the snapshot both sides last agreed on ({@code
   * Snapshot.contentDigest}), or null once this side changed since. A client whose snapshot has
   * this digest has nothing to sync, and asks no plan.
   */
  public record AgreedContent(String contentSha256) {}

  public record Conflict(String path, String keptAt) {}

  /**
   * The answer to POST .../sync: the FilesSyncModel. {@code agreed} lists the entries of the paths
   * the plan moves or deletes; every other path keeps what both sides already hold.
   */
  public record SyncPlan(
      String syncId,
      List<FileEntry> upload,
      List<FileEntry> download,
      List<String> deleteLocal,
      List<String> deleteRemote,
      List<Conflict> conflicts,
      List<FileEntry> agreed,
      Boolean settled) {}

  public record LogLine(long offset, String text) {}

  public record LogPage(List<LogLine> lines, long nextOffset) {}

  /** PUT /tasks/{id}. */
  public record TaskSpec(
      String jobType,
      String jobSchedule,
      String command,
      String computeSize,
      int diskSize,
      List<String> storage,
      Map<String, String> env,
      String timezone) {}

  public record Job(
      String id,
      String status,
      String trigger,
      String startedAt,
      String endedAt,
      Integer exitCode) {}

  /** GET /tasks/{id}. */
  public record Task(
      String id,
      String status,
      String jobType,
      String jobSchedule,
      String timezone,
      String command,
      String computeSize,
      int diskSize,
      List<String> storage,
      Map<String, String> env,
      String nextRunAt,
      Job latestJob) {}

  /** GET /me. */
  public record Me(String user) {}

  public record ComputeSize(String code, int cpus, int memoryMb) {}

  /** GET /catalog. */
  public record Catalog(List<ComputeSize> computeSizes, List<String> storages) {}

  /** RFC 9457 problem details. {@code type} is stable and machine-readable. */
  public record Problem(String type, String title, int status, String detail) {}
}
