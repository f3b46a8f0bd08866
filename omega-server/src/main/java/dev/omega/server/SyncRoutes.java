package dev.omega.server;

import dev.omega.api.Dtos;
import dev.omega.api.WireMapping;
import dev.omega.core.sync.SyncSession;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;

/**
 * The sync routes of a tree, the same for an agent's workspace and a task's cache: plan, commit,
 * the files one by one, and many files in one tar stream.
 */
final class SyncRoutes {
  /** Finds the caller's tree for a request (404 when the id is not theirs). */
  interface Trees {
    RemoteTree of(Context ctx);
  }

  private SyncRoutes() {}

  static void register(RoutesConfig routes, String base, Trees trees) {
    routes.post(
        base + "/sync",
        ctx -> {
          var request = JsonBody.read(ctx, Dtos.Snapshot.class, JsonBody.SNAPSHOT_LIMIT);
          RemoteTree tree = trees.of(ctx);
          SyncSession session;
          if (request.files() == null && request.contentSha256() != null) {
            session =
                tree.planIfAgreed(
                        request.contentSha256(), WireMapping.leftOut(request), Instant.now())
                    .orElseThrow(
                        () ->
                            ApiProblem.conflict(
                                "snapshot-needed",
                                "this side no longer holds the agreed snapshot; send every entry"));
          } else {
            session =
                tree.plan(
                    WireMapping.toModel(request), WireMapping.leftOut(request), Instant.now());
          }
          ApiRoutes.json(ctx, 200, WireMapping.toDto(session));
        });
    routes.post(
        base + "/sync/{sync_id}/commit",
        ctx -> {
          trees.of(ctx).commit(ctx.pathParam("sync_id"));
          ctx.status(204);
        });
    routes.post(base + "/files", ctx -> ApiRoutes.uploadAll(ctx, trees.of(ctx)));
    routes.put(
        base + "/files/<path>",
        ctx -> ApiRoutes.upload(ctx, trees.of(ctx), ApiRoutes.filePath(ctx)));
    routes.get(
        base + "/files/<path>",
        ctx -> ApiRoutes.download(ctx, trees.of(ctx), ApiRoutes.filePath(ctx)));
    routes.delete(
        base + "/files/<path>",
        ctx -> {
          trees.of(ctx).delete(ApiRoutes.filePath(ctx));
          ctx.status(204);
        });
  }
}
