package dev.omega.http;

import static java.util.Objects.requireNonNull;

import dev.omega.api.Dtos;
import dev.omega.api.TarFormat;
import dev.omega.api.Wire;
import dev.omega.api.WireMapping;
import dev.omega.core.port.RemoteFiles;
import dev.omega.core.sync.FileEntry;
import dev.omega.core.sync.Snapshot;
import dev.omega.core.sync.SyncSession;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@link RemoteFiles} of one agent ({@code /agents/{id}}) or one task's cache ({@code
 * /tasks/{id}}). File bodies stream both ways and are never held whole in memory; they have no
 * fixed time limit, only the per-request timeout as the longest silence (see {@link
 * HttpPlatform.Timeouts}).
 */
final class HttpRemoteFiles implements RemoteFiles {
  private final Transport transport;
  private final String owner;

  /**
   * @param owner the owner's route, {@code /agents/<id>} or {@code /tasks/<id>}
   */
  HttpRemoteFiles(Transport transport, String owner) {
    this.transport = transport;
    this.owner = owner;
  }

  /** {@code GET .../sync}: a small answer, whatever the project's size. */
  @Override
  public Optional<String> agreedContent() {
    return transport.call(
        "GET",
        owner + "/sync",
        null,
        Dtos.AgreedContent.class,
        agreed -> Optional.ofNullable(agreed.contentSha256()));
  }

  /** {@code POST .../sync} with every entry of the snapshot. */
  @Override
  public SyncSession plan(Snapshot local, Set<String> leftOut) {
    return transport.call(
        "POST",
        owner + "/sync",
        WireMapping.toDto(local, leftOut),
        Dtos.SyncPlan.class,
        WireMapping::toModel);
  }

  /**
   * {@code PUT .../files/<path>} with {@code Repr-Digest} and {@code Omega-Mtime}, the body
   * streamed from {@code content} with its announced length. A failure to read {@code content} is
   * the caller's, not the network's: it surfaces as an {@link UncheckedIOException}, never as a
   * retried kind.
   */
  @Override
  public void upload(FileEntry entry, InputStream content) {
    requireNonNull(content, "content");
    String route = Routes.file(owner, entry.path());
    String what = "PUT " + route;
    UploadSource source = new UploadSource(entry, content);
    BodyPublisher body =
        entry.size() == 0
            ? BodyPublishers.noBody()
            : BodyPublishers.fromPublisher(
                BodyPublishers.ofInputStream(() -> source), entry.size());
    HttpRequest request =
        transport
            .request(route)
            .header("Content-Type", "application/octet-stream")
            .header(Wire.REPR_DIGEST, Wire.reprDigest(entry.sha256()))
            .header(Wire.MTIME, Long.toString(entry.mtime()))
            .PUT(body)
            .build();
    try {
      transport.send(what, request, source::lastActivity, transport.timeouts().request());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Errors.interrupted(what);
    } catch (RuntimeException e) {
      throw source.failure().<RuntimeException>map(UncheckedIOException::new).orElse(e);
    }
  }

  /**
   * {@code POST .../files}: the files as one {@link TarFormat} archive, streamed with its exact
   * length, each file's digest in its pax header. The platform stores each file as it arrives, so a
   * failure midway leaves the files before it stored (repeating is harmless).
   */
  @Override
  public void uploadAll(List<FileEntry> entries, Contents contents) {
    if (entries.size() == 1) {
      // One file (a large one, usually) takes the plain route: nothing to batch.
      try (InputStream content = contents.open(entries.get(0))) {
        upload(entries.get(0), content);
        return;
      } catch (java.io.IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (entries.isEmpty()) {
      return;
    }
    String route = owner + "/files";
    String what = "POST " + route + " (" + entries.size() + " files)";
    TarBody body = new TarBody(entries, contents);
    HttpRequest request =
        transport
            .request(route)
            .header("Content-Type", TarFormat.CONTENT_TYPE)
            .POST(
                BodyPublishers.fromPublisher(
                    BodyPublishers.ofInputStream(() -> body), body.length()))
            .build();
    try {
      transport.send(what, request, body::lastActivity, transport.timeouts().request());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Errors.interrupted(what);
    } catch (RuntimeException e) {
      throw body.failure().<RuntimeException>map(UncheckedIOException::new).orElse(e);
    } finally {
      try {
        body.close();
      } catch (java.io.IOException ignored) {
        // Only a file opened for reading.
      }
    }
  }

  /**
   * {@code GET .../files/<path>}: the bytes as they arrive, checked against {@code entry}'s size
   * and digest, resumed with {@code Range} when the connection breaks (see {@link
   * ResumingDownload}).
   */
  @Override
  public InputStream download(FileEntry entry) {
    return ResumingDownload.open(transport, Routes.file(owner, entry.path()), entry);
  }

  @Override
  public void delete(String path) {
    transport.call("DELETE", Routes.file(owner, path), null);
  }

  @Override
  public void commit(String syncId) {
    transport.call("POST", owner + "/sync/" + Routes.segment(syncId) + "/commit", null);
  }

  @Override
  public String toString() {
    return "HttpRemoteFiles[" + transport.baseUrl() + owner + "]";
  }
}
