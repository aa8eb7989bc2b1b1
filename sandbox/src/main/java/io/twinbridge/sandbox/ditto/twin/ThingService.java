package io.twinbridge.sandbox.ditto.twin;

import io.twinbridge.sandbox.ditto.memo.BoundedMemo;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.ditto.base.model.auth.AuthorizationContext;
import org.eclipse.ditto.base.model.common.HttpStatus;
import org.eclipse.ditto.base.model.exceptions.DittoRuntimeException;
import org.eclipse.ditto.base.model.exceptions.UnsupportedMediaTypeException;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonFieldSelector;
import org.eclipse.ditto.json.JsonKey;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonParseException;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.policies.model.PolicyId;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.signals.commands.exceptions.ThingConditionFailedException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.ThingConflictException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.ThingNotAccessibleException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.ThingNotCreatableException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.ThingNotDeletableException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.ThingNotModifiableException;
import org.eclipse.ditto.policies.model.signals.commands.exceptions.PolicyNotAccessibleException;

import io.twinbridge.sandbox.ditto.SandboxStore;
import io.twinbridge.sandbox.ditto.rql.RqlTarget;
import io.twinbridge.sandbox.ditto.SandboxStore.PolicyRecord;
import io.twinbridge.sandbox.ditto.SandboxStore.ThingRecord;

/**
 * Twin commands on things, applied generically by JSON pointer on the thing's JSON, enforced with the thing's policy.
 * Every command runs under its thing's lock (one of {@link #STRIPES} stripes), so revisions per thing are strictly
 * increasing and the {@link ChangeListener} sees each thing's changes in order, while commands on other things run in
 * parallel. Commands that may create or remove a thing or a policy also hold the store's monitor, which policy
 * commands hold too, so that a policy cannot be created twice.
 */
public final class ThingService {

    public static final String MERGE_PATCH = "application/merge-patch+json";
    private static final JsonKey THING_ID = JsonFactory.newKey("thingId");
    private static final JsonKey POLICY_ID = JsonFactory.newKey("policyId");
    private static final JsonKey INLINE_POLICY = JsonFactory.newKey("_policy");
    private static final JsonKey COPY_POLICY_FROM = JsonFactory.newKey("_copyPolicyFrom");

    /** Ditto's protocol adapter answers these modifications with {@code "value": null} (see the examples). */
    private static final java.util.Set<ThingResource.Kind> VALUE_NULL_WHEN_MODIFIED = java.util.EnumSet.of(
            ThingResource.Kind.ATTRIBUTES, ThingResource.Kind.FEATURE, ThingResource.Kind.FEATURES);

    /** Power of two; commands on things of different stripes run in parallel. */
    private static final int STRIPES = 256;

    /** Bounds the parsed-id caches; past it they are emptied and filled again. */
    private static final int ID_CACHE_LIMIT = 100_000;

    private final PolicyAccessCache policyAccess = new PolicyAccessCache();
    private final BoundedMemo<String, PolicyId> policyIds = new BoundedMemo<>(ID_CACHE_LIMIT);
    private final BoundedMemo<String, ThingId> thingIds = new BoundedMemo<>(ID_CACHE_LIMIT);
    private final Object[] stripes = new Object[STRIPES];
    private final SandboxStore store;
    private final ChangeListener listener;
    private final Clock clock;

    public ThingService(final SandboxStore store, final ChangeListener listener, final Clock clock) {
        this.store = store;
        this.listener = listener;
        this.clock = clock;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    /**
     * @throws DittoRuntimeException Ditto's error for the command
     */
    public EntityResponse handle(final EntityRequest request) {
        final ThingId thingId = thingId(request.entityId());
        final ThingResource resource = ThingResource.of(request.path(), request.headers());
        synchronized (stripes[thingId.hashCode() & (STRIPES - 1)]) {
            final EntityResponse response = apply(request, thingId, resource, store.thing(thingId));
            // Ditto's ETag of the resource after the command (the strategies' nextEntityTag); none after a delete.
            // Only HTTP answers carry it (requests without an origin session), so WebSocket writes do not pay for it.
            return request.action() == TwinAction.DELETE || request.origin().isPresent() ? response
                    : store.thing(thingId)
                    .flatMap(thing -> ThingPreconditions.eTagOf(thing, request.path()))
                    .map(response::withETag).orElse(response);
        }
    }

    private EntityResponse apply(final EntityRequest request, final ThingId thingId, final ThingResource resource,
            final Optional<ThingRecord> existing) {
        switch (request.action()) {
            case RETRIEVE:
                return retrieve(request, thingId, resource, existing);
            case CREATE:
                if (existing.isPresent()) {
                    throw ThingConflictException.newBuilder(thingId).dittoHeaders(request.headers()).build();
                }
                synchronized (store) {
                    return create(request, thingId);
                }
            case MODIFY:
                if (resource.kind() == ThingResource.Kind.THING && existing.isEmpty()) {
                    synchronized (store) {
                        return create(request, thingId);
                    }
                }
                return modify(request, thingId, resource, existing);
            case MERGE:
                return merge(request, thingId, resource, existing);
            case DELETE:
                return delete(request, thingId, resource, existing);
            default:
                throw new IllegalStateException("unknown action " + request.action());
        }
    }

    /** The readable things among {@code ids}, in the given order; missing or unreadable ones are left out. */
    public List<JsonObject> retrieveMany(final List<ThingId> ids, final Optional<JsonFieldSelector> fields,
            final AuthorizationContext subject) {
        final List<JsonObject> result = new ArrayList<>();
        for (final ThingId id : ids) {
            store.thing(id).ifPresent(thing -> {
                final JsonObject view = readView(thing, fields, subject);
                if (!view.isEmpty()) {
                    result.add(fields.map(f -> FieldSelectors.expandFeatureWildcards(f, thing.json()))
                            .map(view::get).orElse(view));
                }
            });
        }
        return result;
    }

    /**
     * What Ditto's search finds for the subject: the things it may read (some part of), each as its readable view with
     * {@code thingId}, sorted by thing id.
     */
    public List<JsonObject> search(final java.util.function.Predicate<ThingId> where,
            final AuthorizationContext subject) {
        return search(where, Optional.empty(), subject);
    }

    /**
     * As {@link #search(java.util.function.Predicate, AuthorizationContext)}, each view with {@code _revision},
     * {@code _created} and {@code _modified}, and only the things that {@code filter} (an RQL filter, evaluated as
     * {@link ThingConditions} does, with those fields) accepts. Ditto's search maps {@code _revision} and
     * {@code _modified} to indexed fields ({@code SearchConfig} simple-field-mappings), so it filters on them too.
     */
    public List<JsonObject> search(final java.util.function.Predicate<ThingId> where,
            final Optional<java.util.function.Predicate<JsonObject>> filter, final AuthorizationContext subject) {
        final List<JsonObject> found = new ArrayList<>();
        store.things().stream().filter(t -> where.test(t.id()))
                .sorted(java.util.Comparator.comparing(t -> t.id().toString()))
                .forEach(thing -> {
                    final JsonObject view = readView(thing, Optional.of(JsonFieldSelector.newInstance("thingId")),
                            subject);
                    if (!view.isEmpty() && filter.map(f -> f.test(withSpecialFields(thing))).orElse(true)) {
                        found.add(view.setValue("thingId", thing.id().toString()));
                    }
                });
        return found;
    }

    /** All things the subject may read, for listing without ids. */
    public List<JsonObject> retrieveAll(final Optional<JsonFieldSelector> fields, final AuthorizationContext subject) {
        return retrieveMany(store.things().stream().map(ThingRecord::id).toList(), fields, subject);
    }

    private EntityResponse retrieve(final EntityRequest request, final ThingId thingId, final ThingResource resource,
            final Optional<ThingRecord> existing) {
        final ThingRecord thing = existing.orElseThrow(() -> notAccessible(thingId, request.headers()));
        final PolicyAccess access = accessOf(thing.json());
        final Optional<ThingConditions.Condition> condition = condition(request);
        checkConditionReadable(request, condition, access);
        checkCondition(request, condition, thing);
        final JsonObject view = readView(thing, request.fields(), request.subject());
        if (view.isEmpty()) {
            throw notAccessible(thingId, request.headers());
        }
        ThingPreconditions.check(request, existing);
        if (resource.kind() == ThingResource.Kind.THING) {
            return EntityResponse.of(HttpStatus.OK, request.fields()
                    .map(f -> FieldSelectors.expandFeatureWildcards(f, thing.json())).map(view::get).orElse(view));
        }
        final JsonValue value = view.getValue(request.path())
                .orElseThrow(() -> resource.notAccessible(thingId, request.headers()));
        final JsonValue selected = request.fields().filter(f -> value.isObject())
                .<JsonValue>map(f -> value.asObject().get(f)).orElse(value);
        return EntityResponse.of(HttpStatus.OK, selected);
    }

    private JsonObject readView(final ThingRecord thing, final Optional<JsonFieldSelector> fields,
            final AuthorizationContext subject) {
        final JsonObject full = fields.isPresent() ? withSpecialFields(thing) : thing.json();
        return accessOf(thing.json()).readView(PolicyAccess.THING, full, subject);
    }

    private static JsonObject withSpecialFields(final ThingRecord thing) {
        return thing.json().toBuilder()
                .set("_revision", thing.revision())
                .set("_created", thing.created().toString())
                .set("_modified", thing.modified().toString())
                .build();
    }

    private EntityResponse create(final EntityRequest request, final ThingId thingId) {
        final DittoHeaders headers = request.headers();
        ThingPreconditions.check(request, Optional.empty());
        final JsonObject value = objectValue(request);
        if (value.contains(COPY_POLICY_FROM)) {
            throw ThingNotCreatableException.fromMessage("The sandbox does not support '_copyPolicyFrom'.",
                    "Create the policy first and reference it by 'policyId', or inline it as '_policy'.", headers);
        }
        final Optional<JsonObject> inlinePolicy = value.getValue(INLINE_POLICY).filter(JsonValue::isObject)
                .map(JsonValue::asObject);
        final PolicyId policyId = value.getValue(POLICY_ID).filter(JsonValue::isString)
                .map(v -> PolicyId.of(v.asString()))
                .or(() -> inlinePolicy.flatMap(p -> p.getValue(POLICY_ID)).filter(JsonValue::isString)
                        .map(v -> PolicyId.of(v.asString())))
                .orElseGet(() -> PolicyId.of(thingId));
        final Optional<PolicyRecord> referenced = store.policy(policyId);
        final JsonObject policyJson;
        final boolean newPolicy;
        if (inlinePolicy.isPresent() || !value.contains(POLICY_ID)) {
            if (referenced.isPresent()) {
                throw ThingNotCreatableException.newBuilderForPolicyExisting(thingId, policyId).dittoHeaders(headers)
                        .build();
            }
            policyJson = inlinePolicy.orElseGet(() -> DefaultPolicy.forCreator(policyId.toString(),
                    request.subject())).setValue(POLICY_ID, JsonValue.of(policyId.toString()));
            newPolicy = true;
        } else {
            // Ditto 3.9 retrieves a referenced policy as the creator (ThingEnforcerActor.retrievePolicyWithEnforcement);
            // for a missing one the policies service answers 404 policies:policy.notfound
            // (PolicyCommandEnforcement.authorizeSignalWithMissingEnforcer), the same as for one it may not read.
            policyJson = referenced.map(PolicyRecord::json).orElseThrow(() ->
                    PolicyNotAccessibleException.newBuilder(policyId).dittoHeaders(headers).build());
            newPolicy = false;
        }
        final PolicyAccess access = referenced.filter(p -> !newPolicy).map(policyAccess::of)
                .orElseGet(() -> PolicyAccess.of(policyJson));
        if (!newPolicy && !access.mayReadSomething(PolicyAccess.POLICY, JsonPointer.empty(), request.subject())) {
            // Ditto 3.9 ThingEnforcerActor.loadPolicyEnforcerForCreateThing retrieves a referenced policy as the
            // creator (retrievePolicyWithEnforcement); PolicyCommandEnforcement lets a RetrievePolicy through only
            // with (partial) READ on policy:/, else 404 policies:policy.notfound (PolicyNotAccessibleException).
            throw PolicyNotAccessibleException.newBuilder(policyId).dittoHeaders(headers).build();
        }
        if (!access.mayWrite(PolicyAccess.THING, JsonPointer.empty(), request.subject())) {
            throw ThingNotModifiableException.newBuilder(thingId).dittoHeaders(headers).build();
        }
        final JsonObject thingJson = ThingValidation.whole(value.remove(INLINE_POLICY)
                .setValue(THING_ID, JsonValue.of(thingId.toString()))
                .setValue(POLICY_ID, JsonValue.of(policyId.toString())));
        final Instant now = clock.instant();
        if (newPolicy) {
            final PolicyRecord policy = new PolicyRecord(policyId, policyJson, store.nextPolicyRevision(policyId),
                    now, now);
            store.putPolicy(policy);
            policyAccess.put(policy, access);
        }
        final long revision = store.nextThingRevision(thingId);
        store.putThing(new ThingRecord(thingId, thingJson, revision, now, now));
        publish(request, thingId, "created", JsonPointer.empty(), Optional.of(thingJson), revision, now, access);
        return EntityResponse.of(HttpStatus.CREATED, thingJson);
    }

    private EntityResponse modify(final EntityRequest request, final ThingId thingId, final ThingResource resource,
            final Optional<ThingRecord> existing) {
        final ThingRecord thing = writable(request, thingId, resource, existing);
        final JsonValue value = request.value()
                .orElseThrow(() -> JsonParseException.newBuilder().message("The command has no value.").build());
        final JsonObject current = thing.json();
        final boolean existed = resource.kind() == ThingResource.Kind.THING
                || current.getValue(request.path()).isPresent();
        final JsonObject changed;
        if (resource.kind() == ThingResource.Kind.THING) {
            final JsonObject replacement = objectValue(request).remove(INLINE_POLICY);
            changed = replacement.contains(POLICY_ID) ? replacement
                    : replacement.setValue(POLICY_ID, current.getValue(POLICY_ID).orElse(JsonValue.nullLiteral()));
        } else {
            changed = current.setValue(request.path(), value);
        }
        final JsonObject updated = ThingValidation.whole(changed.setValue(THING_ID,
                JsonValue.of(thingId.toString())));
        final ThingRecord saved = save(thing, updated, request);
        publish(request, thingId, existed ? "modified" : "created", request.path(),
                Optional.of(resource.kind() == ThingResource.Kind.THING ? updated : value), saved.revision(),
                saved.modified(), accessOf(updated));
        if (!existed) {
            return EntityResponse.of(HttpStatus.CREATED, value);
        }
        return VALUE_NULL_WHEN_MODIFIED.contains(resource.kind())
                ? EntityResponse.of(HttpStatus.NO_CONTENT, JsonValue.nullLiteral()) : EntityResponse.noContent();
    }

    private EntityResponse merge(final EntityRequest request, final ThingId thingId, final ThingResource resource,
            final Optional<ThingRecord> existing) {
        final String contentType = request.headers().getContentType().orElse("");
        if (!contentType.startsWith(MERGE_PATCH)) {
            throw UnsupportedMediaTypeException.withDetailedInformationBuilder(contentType, java.util.Set.of(MERGE_PATCH))
                    .dittoHeaders(request.headers()).build();
        }
        final ThingRecord thing = existing.orElseThrow(() -> notAccessible(thingId, request.headers()));
        final PolicyAccess access = accessOf(thing.json());
        final Optional<ThingConditions.Condition> condition = condition(request);
        checkConditionReadable(request, condition, access);
        if (!access.mayWrite(PolicyAccess.THING, request.path(), request.subject())) {
            throw readable(access, request) ? ThingNotModifiableException.newBuilder(thingId)
                    .dittoHeaders(request.headers()).build() : notAccessible(thingId, request.headers());
        }
        checkCondition(request, condition, thing);
        ThingPreconditions.check(request, existing);
        final JsonValue value = request.value()
                .orElseThrow(() -> JsonParseException.newBuilder().message("The command has no value.").build());
        // the patch from the thing's root, as JsonMergePatch.of(path, value) builds it
        final JsonValue patch = request.path().isEmpty() ? value : JsonFactory.newObject(request.path(), value);
        final JsonObject merged = MergePatch.apply(patch, thing.json()).asObject();
        final JsonValue id = JsonValue.of(thingId.toString());
        final JsonObject updated = ThingValidation.afterMerge(thing.json(), patch,
                merged.getValue(THING_ID).filter(id::equals).isPresent() ? merged : merged.setValue(THING_ID, id));
        final ThingRecord saved = save(thing, updated, request);
        publish(request, thingId, "merged", request.path(), Optional.of(value), saved.revision(), saved.modified(),
                accessOf(updated));
        return EntityResponse.noContent();
    }

    private EntityResponse delete(final EntityRequest request, final ThingId thingId, final ThingResource resource,
            final Optional<ThingRecord> existing) {
        final ThingRecord thing = writable(request, thingId, resource, existing);
        final Instant now = clock.instant();
        final PolicyAccess access = accessOf(thing.json());
        if (resource.kind() == ThingResource.Kind.THING) {
            final long revision = store.nextThingRevision(thingId);
            synchronized (store) {
                store.removeThing(thingId, revision);
            }
            publish(request, thingId, "deleted", JsonPointer.empty(), Optional.empty(), revision, now, access);
            return EntityResponse.noContent();
        }
        if (resource.kind() == ThingResource.Kind.POLICY_ID) {
            throw resource.notModifiable(thingId, request.headers());
        }
        if (thing.json().getValue(request.path()).isEmpty()) {
            throw resource.notAccessible(thingId, request.headers());
        }
        final ThingRecord saved = save(thing, thing.json().remove(request.path()), request);
        publish(request, thingId, "deleted", request.path(), Optional.empty(), saved.revision(), saved.modified(),
                access);
        return EntityResponse.noContent();
    }

    /** The existing thing, after checking existence, WRITE permission and the condition, in Ditto's order. */
    private ThingRecord writable(final EntityRequest request, final ThingId thingId, final ThingResource resource,
            final Optional<ThingRecord> existing) {
        final DittoHeaders headers = request.headers();
        final ThingRecord thing = existing.orElseThrow(() -> notAccessible(thingId, headers));
        final PolicyAccess access = accessOf(thing.json());
        final Optional<ThingConditions.Condition> condition = condition(request);
        checkConditionReadable(request, condition, access);
        if (!access.mayWrite(PolicyAccess.THING, request.path(), request.subject())) {
            if (!readable(access, request)) {
                throw notAccessible(thingId, headers);
            }
            if (resource.kind() == ThingResource.Kind.THING && request.action() == TwinAction.DELETE) {
                throw ThingNotDeletableException.newBuilder(thingId).dittoHeaders(headers).build();
            }
            throw resource.notModifiable(thingId, headers);
        }
        if (resource.needsExistingFeature() && thing.json().getValue(resource.featurePath()).isEmpty()) {
            throw resource.featureNotAccessible(thingId, headers);
        }
        if (resource.kind() == ThingResource.Kind.POLICY_ID && request.action() == TwinAction.MODIFY) {
            requireExistingPolicy(request);
        }
        checkCondition(request, condition, thing);
        ThingPreconditions.check(request, existing);
        return thing;
    }

    private void requireExistingPolicy(final EntityRequest request) {
        final PolicyId policyId = request.value().filter(JsonValue::isString).map(v -> PolicyId.of(v.asString()))
                .orElseThrow(() -> JsonParseException.newBuilder().message("The policyId must be a string.")
                        .build());
        if (store.policy(policyId).isEmpty()) {
            throw PolicyNotAccessibleException.newBuilder(policyId).dittoHeaders(request.headers()).build();
        }
    }

    private static boolean readable(final PolicyAccess access, final EntityRequest request) {
        return access.mayReadSomething(PolicyAccess.THING, JsonPointer.empty(), request.subject());
    }

    /** The request's {@code condition} header, parsed (once per command: the parse cache is a locked LRU map). */
    private static Optional<ThingConditions.Condition> condition(final EntityRequest request) {
        final String condition = request.headers().get("condition");
        return condition == null ? Optional.empty()
                : Optional.of(ThingConditions.condition(condition, request.headers()));
    }

    /**
     * Ditto 3.9 {@code ThingCommandEnforcement.authorizeByPolicyOrThrow}: for every command on an existing thing
     * but CreateThing, the caller needs unrestricted READ on each field its {@code condition} names, else 412
     * {@code things:condition.failed} (newBuilderForInsufficientPermission); checked before the command's own
     * permission, so it also comes before 403/404.
     */
    private void checkConditionReadable(final EntityRequest request,
            final Optional<ThingConditions.Condition> condition, final PolicyAccess access) {
        if (condition.isEmpty()) {
            return;
        }
        final List<JsonPointer> fields = condition.get().pointers();
        if (!access.mayReadAll(PolicyAccess.THING, fields, request.subject())) {
            throw ThingConditionFailedException.newBuilderForInsufficientPermission(request.headers()).build();
        }
    }

    /** Ditto 3.9 {@code ThingConditionValidator}: the condition on the thing before the command, with its metadata. */
    private void checkCondition(final EntityRequest request, final Optional<ThingConditions.Condition> condition,
            final ThingRecord thing) {
        if (condition.isPresent() && !condition.get().test(conditionTarget(thing), request.headers())) {
            throw ThingConditionFailedException.newBuilder(request.headers()).build();
        }
    }

    /**
     * The thing as Ditto's condition sees it ({@code thing.toJson(p -> true)}): its JSON plus the special fields
     * {@code _revision}, {@code _created}, {@code _modified} and {@code _namespace}; {@code time:now} is the
     * service's clock.
     */
    private RqlTarget conditionTarget(final ThingRecord thing) {
        return new RqlTarget() {
            @Override
            public JsonObject json() {
                return thing.json();
            }

            @Override
            public Optional<JsonValue> special(final String name) {
                switch (name) {
                    case "_revision":
                        return Optional.of(JsonValue.of(thing.revision()));
                    case "_created":
                        return Optional.of(JsonValue.of(thing.created().toString()));
                    case "_modified":
                        return Optional.of(JsonValue.of(thing.modified().toString()));
                    case "_namespace":
                        return Optional.of(JsonValue.of(thing.id().getNamespace()));
                    default:
                        return Optional.empty();
                }
            }

            @Override
            public Instant now() {
                return clock.instant();
            }
        };
    }

    private ThingRecord save(final ThingRecord before, final JsonObject json, final EntityRequest request) {
        final ThingRecord saved = new ThingRecord(before.id(), json, store.nextThingRevision(before.id()),
                before.created(), clock.instant());
        store.putThing(saved);
        return saved;
    }

    private void publish(final EntityRequest request, final ThingId thingId, final String action,
            final JsonPointer path, final Optional<JsonValue> value, final long revision, final Instant timestamp,
            final PolicyAccess access) {
        listener.onChange(new ThingChange(thingId, action, path, value, revision, timestamp, request.headers(),
                access, request.origin()));
    }

    private PolicyAccess accessOf(final JsonObject thingJson) {
        return thingJson.getValue(POLICY_ID).filter(JsonValue::isString)
                .flatMap(id -> store.policy(policyId(id.asString())))
                .map(policyAccess::of)
                .orElseGet(PolicyAccess::none);
    }

    /**
     * {@code PolicyId.of(id)} of a stored thing's (valid) policy id, remembered: Ditto's id validation is a regex,
     * and every command on a thing needs its policy.
     */
    private PolicyId policyId(final String id) {
        return policyIds.get(id, PolicyId::of);
    }

    /** {@code ThingId.of(id)}, remembered for the ids it accepted (a regex per command otherwise). */
    private ThingId thingId(final String id) {
        return thingIds.get(id, ThingId::of);
    }

    private static JsonObject objectValue(final EntityRequest request) {
        return request.value().filter(JsonValue::isObject).map(JsonValue::asObject)
                .orElseThrow(() -> JsonParseException.newBuilder()
                        .message("The value of the command must be a JSON object.").build());
    }

    private static ThingNotAccessibleException notAccessible(final ThingId thingId, final DittoHeaders headers) {
        return ThingNotAccessibleException.newBuilder(thingId).dittoHeaders(headers).build();
    }
}
