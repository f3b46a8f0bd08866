package dev.omega.server;

import static dev.omega.server.ApiRoutes.json;
import static dev.omega.server.ApiRoutes.user;

import dev.omega.api.Dtos;
import dev.omega.api.Wire;
import dev.omega.api.WireMapping;
import dev.omega.core.model.TaskId;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

/** The {@code /tasks} routes of {@code openapi.yaml}, mapped onto the {@link TaskService}. */
final class TaskRoutes {
  private static final String TASK = Wire.BASE_PATH + "/tasks/{id}";

  private final TaskService tasks;

  TaskRoutes(TaskService tasks) {
    this.tasks = tasks;
  }

  /** Registers the routes; {@link ApiRoutes} has registered authentication and errors. */
  void register(JavalinConfig config) {
    var routes = config.routes;
    routes.get(Wire.BASE_PATH + "/tasks", ctx -> json(ctx, 200, tasks.list(user(ctx))));
    routes.put(
        TASK,
        ctx -> {
          var spec = JsonBody.read(ctx, Dtos.TaskSpec.class);
          if (spec == null) {
            throw ApiProblem.badRequest("the body must be a task spec (job_type, job_schedule...)");
          }
          TaskService.Created created = tasks.create(user(ctx), id(ctx), spec);
          json(ctx, created.created() ? 201 : 200, created.task());
        });
    routes.get(TASK, ctx -> json(ctx, 200, tasks.get(user(ctx), id(ctx))));
    routes.post(TASK + "/enable", ctx -> json(ctx, 200, tasks.enable(user(ctx), id(ctx))));
    routes.post(TASK + "/disable", ctx -> json(ctx, 200, tasks.disable(user(ctx), id(ctx))));
    routes.post(TASK + "/run", ctx -> json(ctx, 200, tasks.run(user(ctx), id(ctx))));
    routes.post(TASK + "/stop", ctx -> json(ctx, 200, tasks.stop(user(ctx), id(ctx))));
    SyncRoutes.register(routes, TASK, ctx -> tasks.files(user(ctx), id(ctx)));
    routes.get(
        TASK + "/logs",
        ctx ->
            json(
                ctx,
                200,
                WireMapping.toDto(
                    tasks.logs(user(ctx), id(ctx), ApiRoutes.offset(ctx), ApiRoutes.limit(ctx)))));
  }

  private static TaskId id(Context ctx) {
    try {
      return TaskId.parse(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest("id: '" + ctx.pathParam("id") + "' is not a UUID");
    }
  }
}
