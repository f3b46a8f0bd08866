package dev.omega.api;

import dev.omega.core.model.AgentId;
import dev.omega.core.model.AgentSpec;
import dev.omega.core.model.AgentStatus;
import dev.omega.core.model.AgentView;
import dev.omega.core.model.JobStatus;
import dev.omega.core.model.JobTrigger;
import dev.omega.core.model.JobType;
import dev.omega.core.model.JobView;
import dev.omega.core.model.LogLine;
import dev.omega.core.model.LogPage;
import dev.omega.core.model.ProcessInfo;
import dev.omega.core.model.RunRequest;
import dev.omega.core.model.TaskId;
import dev.omega.core.model.TaskSpec;
import dev.omega.core.model.TaskStatus;
import dev.omega.core.model.TaskView;
import dev.omega.core.sync.Conflict;
import dev.omega.core.sync.FileEntry;
import dev.omega.core.sync.Snapshot;
import dev.omega.core.sync.SyncPlan;
import dev.omega.core.sync.SyncSession;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Between the wire's DTOs and the core's model: the one place that knows both. */
public final class WireMapping {
  private WireMapping() {}

  public static Dtos.AgentSpec toDto(AgentSpec spec) {
    return new Dtos.AgentSpec(
        spec.jobType().configName(), spec.computeSize(), spec.diskSizeGb(), spec.storage());
  }

  /**
   * @throws IllegalArgumentException naming the field that is wrong
   */
  public static AgentSpec toModel(Dtos.AgentSpec dto) {
    JobType type =
        JobType.parse(dto.jobType())
            .orElseThrow(() -> new IllegalArgumentException("job_type must be lab, api or job"));
    if (dto.computeSize() == null || dto.computeSize().isBlank()) {
      throw new IllegalArgumentException("compute_size is missing");
    }
    if (dto.diskSize() <= 0) {
      throw new IllegalArgumentException("disk_size must be a positive number of GB");
    }
    return new AgentSpec(
        type, dto.computeSize(), dto.diskSize(), dto.storage() == null ? List.of() : dto.storage());
  }

  public static AgentView toModel(Dtos.Agent dto) {
    AgentSpec spec =
        new AgentSpec(
            JobType.parse(dto.jobType()).orElseThrow(),
            dto.computeSize(),
            dto.diskSize(),
            dto.storage() == null ? List.of() : dto.storage());
    return new AgentView(
        AgentId.parse(dto.id()),
        AgentStatus.valueOf(dto.status()),
        spec,
        Optional.ofNullable(dto.process()).map(WireMapping::toModel),
        Optional.ofNullable(dto.endpoint()),
        Optional.ofNullable(dto.reason()));
  }

  public static ProcessInfo toModel(Dtos.Process dto) {
    return new ProcessInfo(
        Instant.parse(dto.startedAt()),
        Optional.ofNullable(dto.endedAt()).map(Instant::parse),
        Optional.ofNullable(dto.exitCode()),
        dto.firstLogLine() == null ? 0 : dto.firstLogLine(),
        Optional.ofNullable(dto.runId()));
  }

  public static Dtos.Process toDto(ProcessInfo process) {
    return new Dtos.Process(
        process.startedAt().toString(),
        process.endedAt().map(Instant::toString).orElse(null),
        process.exitCode().orElse(null),
        process.firstLogLine(),
        process.runId().orElse(null));
  }

  public static Dtos.RunRequest toDto(RunRequest request) {
    return new Dtos.RunRequest(
        request.command().orElse(null), request.env(), request.runId().orElse(null));
  }

  public static RunRequest toModel(Dtos.RunRequest dto) {
    return new RunRequest(
        Optional.ofNullable(dto.command()),
        dto.env() == null ? Map.of() : dto.env(),
        Optional.ofNullable(dto.runId()));
  }

  public static Dtos.FileEntry toDto(FileEntry entry) {
    return new Dtos.FileEntry(entry.path(), entry.size(), entry.mtime(), entry.sha256());
  }

  public static FileEntry toModel(Dtos.FileEntry dto) {
    return new FileEntry(dto.path(), dto.size(), dto.mtime(), dto.sha256());
  }

  public static Dtos.Snapshot toDto(Snapshot snapshot) {
    return toDto(snapshot, java.util.Set.of());
  }

  public static Dtos.Snapshot toDto(Snapshot snapshot, java.util.Set<String> leftOut) {
    return new Dtos.Snapshot(
        snapshot.files().values().stream().map(WireMapping::toDto).toList(),
        List.copyOf(new java.util.TreeSet<>(leftOut)));
  }

  /** The paths a sync request leaves out. */
  public static java.util.Set<String> leftOut(Dtos.Snapshot dto) {
    if (dto.leftOut() == null) {
      return java.util.Set.of();
    }
    dto.leftOut().forEach(dev.omega.core.sync.RelativePath::check);
    return java.util.Set.copyOf(dto.leftOut());
  }

  public static Snapshot toModel(Dtos.Snapshot dto) {
    return Snapshot.of(
        (dto.files() == null ? List.<Dtos.FileEntry>of() : dto.files())
            .stream().map(WireMapping::toModel).toList());
  }

  public static Dtos.SyncPlan toDto(SyncSession session) {
    SyncPlan plan = session.plan();
    return new Dtos.SyncPlan(
        session.syncId(),
        plan.upload().stream().map(WireMapping::toDto).toList(),
        plan.download().stream().map(WireMapping::toDto).toList(),
        plan.deleteLocal(),
        plan.deleteRemote(),
        plan.conflicts().stream()
            .map(c -> new Dtos.Conflict(c.path(), c.keptAt().orElse(null)))
            .toList(),
        touched(plan).stream()
            .flatMap(path -> plan.agreed().get(path).stream())
            .map(WireMapping::toDto)
            .toList(),
        plan.settled());
  }

  /** The paths a plan moves or deletes: the only ones whose agreed entry the client needs. */
  private static List<String> touched(SyncPlan plan) {
    java.util.TreeSet<String> paths = new java.util.TreeSet<>();
    plan.upload().forEach(e -> paths.add(e.path()));
    plan.download().forEach(e -> paths.add(e.path()));
    paths.addAll(plan.deleteLocal());
    paths.addAll(plan.deleteRemote());
    return List.copyOf(paths);
  }

  public static SyncSession toModel(Dtos.SyncPlan dto) {
    SyncPlan plan =
        new SyncPlan(
            dto.upload().stream().map(WireMapping::toModel).toList(),
            dto.download().stream().map(WireMapping::toModel).toList(),
            dto.deleteLocal(),
            dto.deleteRemote(),
            dto.conflicts().stream()
                .map(c -> new Conflict(c.path(), Optional.ofNullable(c.keptAt())))
                .toList(),
            Snapshot.of(dto.agreed().stream().map(WireMapping::toModel).toList()),
            // Only a settled plan says it agrees on nothing new; any other may (a commit decides).
            !Boolean.TRUE.equals(dto.settled()));
    return new SyncSession(dto.syncId(), plan);
  }

  public static Dtos.LogPage toDto(LogPage page) {
    return new Dtos.LogPage(
        page.lines().stream().map(l -> new Dtos.LogLine(l.offset(), l.text())).toList(),
        page.nextOffset());
  }

  public static LogPage toModel(Dtos.LogPage dto) {
    return new LogPage(
        dto.lines().stream().map(l -> new LogLine(l.offset(), l.text())).toList(),
        dto.nextOffset());
  }

  public static Dtos.TaskSpec toDto(TaskSpec spec) {
    return new Dtos.TaskSpec(
        spec.jobType().configName(),
        spec.schedule(),
        spec.command(),
        spec.computeSize(),
        spec.diskSizeGb(),
        spec.storage(),
        spec.env(),
        null);
  }

  public static TaskSpec toModel(Dtos.TaskSpec dto) {
    return new TaskSpec(
        JobType.parse(dto.jobType())
            .orElseThrow(() -> new IllegalArgumentException("job_type must be api or job")),
        dto.jobSchedule(),
        dto.command(),
        dto.computeSize(),
        dto.diskSize(),
        dto.storage() == null ? List.of() : dto.storage(),
        dto.env() == null ? Map.of() : dto.env());
  }

  public static TaskView toModel(Dtos.Task dto) {
    TaskSpec spec =
        new TaskSpec(
            JobType.parse(dto.jobType()).orElseThrow(),
            dto.jobSchedule(),
            dto.command(),
            dto.computeSize(),
            dto.diskSize(),
            dto.storage() == null ? List.of() : dto.storage(),
            dto.env() == null ? Map.of() : dto.env());
    return new TaskView(
        TaskId.parse(dto.id()),
        TaskStatus.valueOf(dto.status()),
        spec,
        Optional.ofNullable(dto.nextRunAt()).map(Instant::parse),
        Optional.ofNullable(dto.latestJob()).map(WireMapping::toModel));
  }

  public static JobView toModel(Dtos.Job dto) {
    return new JobView(
        dto.id(),
        JobStatus.valueOf(dto.status()),
        JobTrigger.valueOf(dto.trigger().toUpperCase(Locale.ROOT)),
        Optional.ofNullable(dto.startedAt()).map(Instant::parse),
        Optional.ofNullable(dto.endedAt()).map(Instant::parse),
        Optional.ofNullable(dto.exitCode()));
  }

  public static Dtos.Job toDto(JobView job) {
    return new Dtos.Job(
        job.id(),
        job.status().name(),
        job.trigger().name().toLowerCase(Locale.ROOT),
        job.startedAt().map(Instant::toString).orElse(null),
        job.endedAt().map(Instant::toString).orElse(null),
        job.exitCode().orElse(null));
  }
}
