package dev.omega.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.omega.api.Dtos;
import dev.omega.api.TarFormat;
import dev.omega.api.TarReader;
import dev.omega.api.Wire;
import dev.omega.api.WireMapping;
import dev.omega.core.model.AgentId;
import dev.omega.core.sync.Sha256;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP API v1 of {@code openapi.yaml}, mapped onto the services. */
final class ApiRoutes {
  private static final Logger log = LoggerFactory.getLogger(ApiRoutes.class);
  private static final String USER = "omega.user";
  private static final String AGENT = Wire.BASE_PATH + "/agents/{id}";

  private final ServerSettings settings;
  private final AgentService agents;
  private final RateLimiter limiter;
  private final TaskRoutes tasks;

  ApiRoutes(ServerSettings settings, AgentService agents, TaskService tasks) {
    this.settings = settings;
    this.agents = agents;
    this.limiter = new RateLimiter(settings.requestsPerMinute());
    this.tasks = new TaskRoutes(tasks);
  }

  void register(JavalinConfig config) {
    var routes = config.routes;
    routes.before(Wire.BASE_PATH + "/*", this::authenticate);
    routes.exception(ApiProblem.class, (e, ctx) -> problem(ctx, e.status, e.type, e.getMessage()));
    routes.exception(
        RateLimiter.RateLimited.class,
        (e, ctx) -> {
          ctx.header("Retry-After", Long.toString(e.retryAfterSeconds));
          problem(ctx, 429, "rate-limited", e.getMessage());
        });
    routes.exception(
        JsonProcessingException.class,
        (e, ctx) ->
            problem(
                ctx,
                400,
                "invalid-input",
                "the body is not the JSON this route takes: " + e.getOriginalMessage()));
    routes.exception(
        IllegalArgumentException.class,
        (e, ctx) -> problem(ctx, 400, "invalid-input", e.getMessage()));
    routes.exception(
        Exception.class,
        (e, ctx) -> {
          log.error("{} {} failed", ctx.method(), ctx.path(), e);
          problem(
              ctx, 500, "internal", "the server failed: " + e.getMessage() + "; try again later");
        });

    routes.get(
        Wire.BASE_PATH + "/openapi.yaml",
        ctx -> ctx.contentType("application/yaml").result(Wire.openApi()));
    routes.get(Wire.BASE_PATH + "/me", ctx -> json(ctx, 200, new Dtos.Me(user(ctx))));
    routes.get(
        Wire.BASE_PATH + "/catalog",
        ctx -> json(ctx, 200, new Dtos.Catalog(settings.catalog(), settings.storages())));

    routes.get(Wire.BASE_PATH + "/agents", ctx -> json(ctx, 200, agents.list(user(ctx))));
    routes.put(
        AGENT,
        ctx -> {
          var spec = WireMapping.toModel(JsonBody.read(ctx, Dtos.AgentSpec.class));
          AgentService.Created created = agents.create(user(ctx), id(ctx), spec);
          json(ctx, created.created() ? 201 : 200, created.agent());
        });
    routes.get(AGENT, ctx -> json(ctx, 200, agents.get(user(ctx), id(ctx))));
    routes.post(
        AGENT + "/run",
        ctx -> {
          var request = WireMapping.toModel(JsonBody.read(ctx, Dtos.RunRequest.class));
          json(ctx, 200, agents.run(user(ctx), id(ctx), request));
        });
    routes.post(AGENT + "/stop", ctx -> json(ctx, 200, agents.stop(user(ctx), id(ctx))));
    routes.post(AGENT + "/kill", ctx -> json(ctx, 200, agents.kill(user(ctx), id(ctx))));
    SyncRoutes.register(routes, AGENT, ctx -> agents.files(user(ctx), id(ctx)));
    routes.get(
        AGENT + "/logs",
        ctx -> {
          AgentRecord record = agents.logs(user(ctx), id(ctx));
          boolean ended;
          synchronized (record) {
            ended = record.processEnded();
          }
          json(ctx, 200, WireMapping.toDto(record.log.page(offset(ctx), limit(ctx), ended)));
        });
    routes.get(AGENT + "/watch", ctx -> LogStream.serve(ctx, agents.logs(user(ctx), id(ctx))));
    tasks.register(config);
  }

  /** The {@code offset} of a logs route. */
  static long offset(Context ctx) {
    long offset = ctx.queryParamAsClass("offset", Long.class).getOrDefault(0L);
    if (offset < 0) {
      throw ApiProblem.badRequest("offset must be at least 0");
    }
    return offset;
  }

  /** The {@code limit} of a logs route. */
  static int limit(Context ctx) {
    int limit = ctx.queryParamAsClass("limit", Integer.class).getOrDefault(1000);
    if (limit < 1 || limit > 10_000) {
      throw ApiProblem.badRequest("limit must be between 1 and 10000");
    }
    return limit;
  }

  static void upload(Context ctx, RemoteTree tree, String path) throws IOException {
    String sha =
        Wire.sha256Of(ctx.header(Wire.REPR_DIGEST))
            .orElseThrow(
                () ->
                    ApiProblem.badRequest(
                        Wire.REPR_DIGEST + ": send sha-256=:<base64>: of the file"));
    long length = ctx.req().getContentLengthLong();
    OptionalLong mtime = OptionalLong.empty();
    String given = ctx.header(Wire.MTIME);
    if (given != null) {
      try {
        mtime = OptionalLong.of(Long.parseLong(given.strip()));
      } catch (NumberFormatException e) {
        throw ApiProblem.badRequest(Wire.MTIME + ": milliseconds since the epoch, not " + given);
      }
    }
    try (InputStream body = ctx.bodyInputStream()) {
      tree.store(path, sha, length, mtime, body);
    }
    ctx.status(204);
  }

  /**
   * {@code POST .../files}: a {@link TarFormat} archive, each file stored as it arrives once its
   * digest matches; a failure leaves the files before it stored.
   */
  static void uploadAll(Context ctx, RemoteTree tree) throws IOException {
    try (InputStream body = ctx.bodyInputStream()) {
      TarReader archive = new TarReader(body);
      for (var next = archive.next(); next.isPresent(); next = archive.next()) {
        TarReader.Entry entry = next.get();
        String sha =
            entry
                .sha256()
                .orElseThrow(
                    () ->
                        ApiProblem.badRequest(
                            entry.path()
                                + ": each file needs its "
                                + TarFormat.SHA256
                                + " pax record"));
        tree.store(
            entry.path(), sha, entry.size(), OptionalLong.of(entry.mtimeMillis()), entry.content());
      }
    } catch (TarReader.MalformedTarException e) {
      throw ApiProblem.badRequest(
          "the body is not a tar archive this route takes: " + e.getMessage());
    }
    ctx.status(204);
  }

  static void download(Context ctx, RemoteTree tree, String path) throws IOException {
    Path file = tree.file(path);
    long size = Files.size(file);
    ctx.header(Wire.REPR_DIGEST, Wire.reprDigest(digest(file)));
    ctx.header("Accept-Ranges", "bytes");
    ctx.contentType("application/octet-stream");
    long from = 0;
    long to = size - 1;
    String range = ctx.header("Range");
    if (range != null && range.startsWith("bytes=")) {
      String[] bounds = range.substring(6).split("-", -1);
      try {
        from = Long.parseLong(bounds[0].strip());
        if (bounds.length > 1 && !bounds[1].isBlank()) {
          to = Math.min(to, Long.parseLong(bounds[1].strip()));
        }
      } catch (NumberFormatException e) {
        throw ApiProblem.badRequest(
            "Range: only bytes=<from>- and bytes=<from>-<to> are understood");
      }
      if (from > to && size > 0) {
        ctx.header("Content-Range", "bytes */" + size);
        throw new ApiProblem(416, "range-not-satisfiable", "the file has " + size + " bytes");
      }
      ctx.status(206);
      ctx.header("Content-Range", "bytes " + from + "-" + to + "/" + size);
    }
    InputStream in = Files.newInputStream(file);
    in.skipNBytes(from);
    ctx.header("Content-Length", Long.toString(Math.max(0, to - from + 1)));
    ctx.result(new BoundedInputStream(in, Math.max(0, to - from + 1)));
  }

  private void authenticate(Context ctx) {
    if (ctx.path().equals(Wire.BASE_PATH + "/openapi.yaml")) {
      return;
    }
    String header = ctx.header("Authorization");
    String user =
        header != null && header.startsWith("Bearer ")
            ? settings.tokens().get(header.substring(7).strip())
            : null;
    if (user == null) {
      throw new ApiProblem(
          401,
          "unauthorized",
          "a valid apikey is needed: send Authorization: Bearer <apikey> (omega login)");
    }
    limiter.acquire(header.substring(7).strip(), System.nanoTime());
    ctx.attribute(USER, user);
  }

  static String user(Context ctx) {
    return ctx.attribute(USER);
  }

  private static AgentId id(Context ctx) {
    try {
      return AgentId.parse(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest("id: '" + ctx.pathParam("id") + "' is not a UUID");
    }
  }

  /**
   * The file path at the end of the raw URL, each segment percent-decoded on its own, so that an
   * encoded {@code /} cannot smuggle a separator in.
   */
  static String filePath(Context ctx) {
    String raw = ctx.req().getRequestURI();
    int at = raw.indexOf("/files/");
    if (at < 0) {
      throw ApiProblem.badRequest("path: missing");
    }
    List<String> segments = new ArrayList<>();
    for (String encoded : raw.substring(at + 7).split("/", -1)) {
      String segment;
      try {
        segment = URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw ApiProblem.badRequest("path: '" + encoded + "' is not percent-encoded correctly");
      }
      if (segment.contains("/")
          || segment.contains("\\")
          || segment.contains("\0")
          || segment.equals("..")) {
        throw ApiProblem.badRequest("path: the segment '" + encoded + "' is not allowed");
      }
      segments.add(segment);
    }
    return String.join("/", segments);
  }

  static void json(Context ctx, int status, Object body) throws JsonProcessingException {
    ctx.status(status).contentType("application/json").result(Wire.JSON.writeValueAsBytes(body));
  }

  private static void problem(Context ctx, int status, String type, String detail) {
    try {
      String title = status >= 500 ? "Server error" : "Request refused";
      ctx.status(status)
          .contentType(Wire.PROBLEM_JSON)
          .result(Wire.JSON.writeValueAsBytes(new Dtos.Problem(type, title, status, detail)));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String digest(Path file) throws IOException {
    MessageDigest digest = Sha256.newDigest();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    return Sha256.hex(digest);
  }
}
