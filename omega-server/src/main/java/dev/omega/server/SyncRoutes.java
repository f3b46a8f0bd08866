package dev.omega.server;

import dev.omega.api.Dtos;
import dev.omega.api.WireMapping;
import dev.omega.core.sync.SyncSession;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;

/**
 * The sync routes of a tree, the same for an agent's workspace and a task's cache: the check for
 * nothing to sync, plan, commit, the files one by one, and many files in one tar stream.
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
          if (request.files() == null) {
            // Never planned as an empty project, which would delete every file here. (Clients
            // before GET .../sync sent only a digest first, and send every entry on this answer.)
            throw ApiProblem.conflict(
                "snapshot-needed", "a sync request needs its files (an empty list for none)");
          }
          SyncSession session =
              tree.plan(WireMapping.toModel(request), WireMapping.leftOut(request), Instant.now());
          ApiRoutes.json(ctx, 200, WireMapping.toDto(session));
        });
    routes.get(
        base + "/sync",
        ctx ->
            ApiRoutes.json(
                ctx, 200, new Dtos.AgreedContent(trees.of(ctx).agreedContent().orElse(null))));
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
