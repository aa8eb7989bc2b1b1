package io.twinbridge.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinbridge.gateway.ditto.DittoPortException;
import io.twinbridge.gateway.tenant.PurgeOutcome;
import io.twinbridge.gateway.tenant.PutOutcome;
import io.twinbridge.gateway.tenant.TenantAdmin;
import io.twinbridge.gateway.tenant.TenantId;
import io.twinbridge.gateway.tenant.document.DocumentProblem;
import io.twinbridge.gateway.tenant.document.TenantJson;
import io.twinbridge.gateway.tenant.document.TenantSpec;
import io.twinbridge.gateway.tenant.policy.TenantPolicy;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API: {@code GET /admin/tenants}, and {@code GET}, {@code PUT} and {@code DELETE} on
 * {@code /admin/tenants/{id}}. Bearer tokens only ({@link AdminAuth}); a tenant admin sees and changes its own tenant
 * only. Errors are JSON: {@code {"status", "error", "message"[, "problems": [{"pointer", "message"}]]}}.
 */
public final class AdminRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(AdminRoutes.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String PRINCIPAL = "twinbridge.admin.principal";

    private final TenantAdmin admin;
    private final AdminAuth auth;
    private final int maxBodyBytes;

    public AdminRoutes(TenantAdmin admin, AdminAuth auth, int maxBodyBytes) {
        this.admin = admin;
        this.auth = auth;
        this.maxBodyBytes = maxBodyBytes;
    }

    public void mount(Router router) {
        router.route("/admin/*").handler(this::authenticate);
        router.get("/admin/tenants").handler(this::list);
        router.get("/admin/tenants/:id").handler(this::get);
        // The body limit is above the document limit, so that the reader, not the body handler, names the limit.
        router.put("/admin/tenants/:id").handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes + 1L))
                .handler(this::put);
        router.delete("/admin/tenants/:id").handler(this::delete);
    }

    private void authenticate(RoutingContext ctx) {
        Optional<AdminPrincipal> principal = auth.authenticate(ctx.request().getHeader("Authorization"));
        if (principal.isEmpty()) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"twinbridge-admin\"");
            error(ctx, 401, "admin:unauthorized", "a valid bearer token is required", List.of());
            return;
        }
        ctx.put(PRINCIPAL, principal.get());
        ctx.next();
    }

    private void list(RoutingContext ctx) {
        AdminPrincipal principal = ctx.get(PRINCIPAL);
        ArrayNode tenants = MAPPER.createArrayNode();
        admin.list().stream().filter(t -> principal.mayManage(t.id())).forEach(t -> tenants.add(view(t)));
        ObjectNode body = MAPPER.createObjectNode();
        body.set("tenants", tenants);
        json(ctx, 200, body);
    }

    private void get(RoutingContext ctx) {
        Optional<TenantId> id = allowedId(ctx);
        if (id.isEmpty()) {
            return;
        }
        Optional<TenantSpec> tenant = admin.get(id.get());
        if (tenant.isEmpty()) {
            error(ctx, 404, "admin:tenant.notfound", "no tenant '" + id.get() + "'", List.of());
            return;
        }
        json(ctx, 200, view(tenant.get()));
    }

    private void put(RoutingContext ctx) {
        Optional<TenantId> id = allowedId(ctx);
        if (id.isEmpty()) {
            return;
        }
        boolean dryRun = "true".equals(ctx.request().getParam("dryRun"));
        byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        Future.fromCompletionStage(admin.put(id.get().value(), body, dryRun), ctx.vertx().getOrCreateContext())
                .onComplete(done -> {
                    if (done.failed()) {
                        LOG.error("Applying tenant {} failed", id.get(), done.cause());
                        error(ctx, 500, "admin:internal", "applying the tenant failed: " + done.cause().getMessage(),
                                List.of());
                        return;
                    }
                    respond(ctx, done.result());
                });
    }

    private void respond(RoutingContext ctx, PutOutcome outcome) {
        if (outcome instanceof PutOutcome.Invalid invalid) {
            error(ctx, 400, "admin:tenant.invalid", invalid.problems().size() + " problem(s) in the tenant",
                    invalid.problems());
        } else if (outcome instanceof PutOutcome.Rendered rendered) {
            ObjectNode body = MAPPER.createObjectNode().put("dryRun", true);
            body.set("tenant", TenantJson.tenant(rendered.tenant()));
            body.set("policies", MAPPER.createArrayNode().add(policy(rendered.policy())));
            json(ctx, 200, body);
        } else if (outcome instanceof PutOutcome.Applied applied) {
            ObjectNode body = view(applied.tenant());
            body.set("policies", MAPPER.createArrayNode().add(policy(applied.policy())));
            json(ctx, applied.created() ? 201 : 200, body);
        } else if (outcome instanceof PutOutcome.DittoFailed failed) {
            DittoPortException e = failed.failure();
            boolean down = isDown(e);
            error(ctx, down ? 503 : 502, down ? "admin:ditto.unavailable" : "admin:ditto.refused",
                    "Ditto did not apply the policy (" + e.getMessage() + "); nothing changed in the gateway, and "
                            + "repeating the same PUT is safe", List.of());
        }
    }

    private void delete(RoutingContext ctx) {
        Optional<TenantId> id = allowedId(ctx);
        if (id.isEmpty()) {
            return;
        }
        if ("true".equals(ctx.request().getParam("purgeTwins"))) {
            purge(ctx, id.get());
            return;
        }
        Future.fromCompletionStage(admin.remove(id.get()), ctx.vertx().getOrCreateContext()).onComplete(done -> {
            if (done.failed()) {
                LOG.error("Removing tenant {} failed", id.get(), done.cause());
                error(ctx, 500, "admin:internal", "removing the tenant failed: " + done.cause().getMessage(),
                        List.of());
            } else if (done.result().isEmpty()) {
                error(ctx, 404, "admin:tenant.notfound", "no tenant '" + id.get() + "'", List.of());
            } else {
                ctx.response().setStatusCode(204).end();
            }
        });
    }

    /**
     * 200 {@code {"tenant", "policyId", "thingsDeleted"}} once every thing is deleted and the tenant removed; on a Ditto
     * failure 503 (502 if Ditto refused) with {@code thingsDeleted} so far: the tenant is no longer served but stays
     * in the document, and repeating the DELETE continues.
     */
    private void purge(RoutingContext ctx, TenantId id) {
        Future.fromCompletionStage(admin.removeAndPurge(id), ctx.vertx().getOrCreateContext()).onComplete(done -> {
            if (done.failed()) {
                LOG.error("Purging tenant {} failed", id, done.cause());
                error(ctx, 500, "admin:internal", "purging the tenant failed: " + done.cause().getMessage(),
                        List.of());
            } else if (done.result() instanceof PurgeOutcome.NotFound) {
                error(ctx, 404, "admin:tenant.notfound", "no tenant '" + id + "'", List.of());
            } else if (done.result() instanceof PurgeOutcome.Purged purged) {
                json(ctx, 200, MAPPER.createObjectNode().put("tenant", id.value())
                        .put("policyId", purged.tenant().policyId()).put("thingsDeleted", purged.thingsDeleted()));
            } else if (done.result() instanceof PurgeOutcome.DittoFailed failed) {
                DittoPortException e = failed.failure();
                boolean down = isDown(e);
                ObjectNode body = MAPPER.createObjectNode().put("status", down ? 503 : 502)
                        .put("error", down ? "admin:ditto.unavailable" : "admin:ditto.refused")
                        .put("message", "the purge stopped after " + failed.thingsDeleted() + " thing(s): "
                                + e.getMessage() + "; the tenant is no longer served, and repeating the DELETE "
                                + "continues the purge")
                        .put("thingsDeleted", failed.thingsDeleted());
                json(ctx, down ? 503 : 502, body);
            }
        });
    }

    private static boolean isDown(DittoPortException e) {
        return e.isUnavailable() || DittoPortException.CODE_TIMEOUT.equals(e.errorCode()) || e.status() >= 500;
    }

    /** The path's tenant id if it is well-formed and the principal may manage it; otherwise answers 400 or 403. */
    private Optional<TenantId> allowedId(RoutingContext ctx) {
        String raw = ctx.pathParam("id");
        if (raw == null || !TenantId.PATTERN.matcher(raw).matches()) {
            error(ctx, 400, "admin:tenant.id.invalid", "invalid tenant id: must match " + TenantId.PATTERN.pattern(),
                    List.of());
            return Optional.empty();
        }
        TenantId id = TenantId.of(raw);
        AdminPrincipal principal = ctx.get(PRINCIPAL);
        if (!principal.mayManage(id)) {
            error(ctx, 403, "admin:forbidden", "principal '" + principal.name() + "' may not manage tenant '" + id
                    + "'", List.of());
            return Optional.empty();
        }
        return Optional.of(id);
    }

    private ObjectNode view(TenantSpec tenant) {
        ObjectNode view = MAPPER.createObjectNode();
        view.set("tenant", TenantJson.tenant(tenant));
        view.put("policyId", tenant.policyId());
        return view;
    }

    private static ObjectNode policy(TenantPolicy policy) {
        try {
            return (ObjectNode) MAPPER.readTree(policy.json().toString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Ditto's JSON is always valid JSON", e);
        }
    }

    private static void error(RoutingContext ctx, int status, String code, String message,
                              List<DocumentProblem> problems) {
        ObjectNode body = MAPPER.createObjectNode().put("status", status).put("error", code).put("message", message);
        if (!problems.isEmpty()) {
            ArrayNode list = body.putArray("problems");
            problems.forEach(p -> list.addObject().put("pointer", p.pointer()).put("message", p.message()));
        }
        json(ctx, status, body);
    }

    private static void json(RoutingContext ctx, int status, ObjectNode body) {
        ctx.response().setStatusCode(status)
                .putHeader("content-type", "application/json; charset=utf-8")
                .putHeader("cache-control", "no-store")
                .end(body.toString());
    }
}
