package io.twinbridge.sandbox.ditto.twin;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.ditto.base.model.common.HttpStatus;
import org.eclipse.ditto.base.model.exceptions.DittoRuntimeException;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.base.model.signals.commands.exceptions.PathUnknownException;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonKey;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonParseException;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.policies.model.PoliciesModelFactory;
import org.eclipse.ditto.policies.model.PolicyId;
import org.eclipse.ditto.policies.model.signals.commands.exceptions.PolicyConflictException;
import org.eclipse.ditto.policies.model.signals.commands.exceptions.PolicyEntryModificationInvalidException;
import org.eclipse.ditto.policies.model.signals.commands.exceptions.PolicyEntryNotAccessibleException;
import org.eclipse.ditto.policies.model.signals.commands.exceptions.PolicyEntryNotModifiableException;
import org.eclipse.ditto.policies.model.signals.commands.exceptions.PolicyModificationInvalidException;
import org.eclipse.ditto.policies.model.signals.commands.exceptions.PolicyNotAccessibleException;
import org.eclipse.ditto.policies.model.signals.commands.exceptions.PolicyNotModifiableException;
import org.eclipse.ditto.policies.model.signals.commands.exceptions.ResourceNotAccessibleException;
import org.eclipse.ditto.policies.model.signals.commands.exceptions.ResourceNotModifiableException;
import org.eclipse.ditto.policies.model.signals.commands.exceptions.ResourcesNotModifiableException;
import org.eclipse.ditto.policies.model.signals.commands.exceptions.SubjectNotAccessibleException;
import org.eclipse.ditto.policies.model.signals.commands.exceptions.SubjectNotModifiableException;
import org.eclipse.ditto.policies.model.signals.commands.exceptions.SubjectsNotModifiableException;

import io.twinbridge.sandbox.ditto.SandboxStore;
import io.twinbridge.sandbox.ditto.SandboxStore.PolicyRecord;

/**
 * Policy commands on the policy JSON by path: the policy itself, its entries, and an entry's subjects and resources.
 */
public final class PolicyService {

    private static final JsonKey POLICY_ID = JsonFactory.newKey("policyId");
    /** Ditto's header that lets a creator make a policy it cannot change itself (DittoHeaderDefinition). */
    private static final String ALLOW_POLICY_LOCKOUT = "allow-policy-lockout";

    private final SandboxStore store;
    private final Clock clock;

    public PolicyService(final SandboxStore store, final Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * @throws DittoRuntimeException Ditto's error for the command
     */
    public EntityResponse handle(final EntityRequest request) {
        final PolicyId policyId = PolicyId.of(request.entityId());
        final JsonPointer path = keysOf(request.path(), request.headers());
        synchronized (store) {
            final Optional<PolicyRecord> existing = store.policy(policyId);
            if (request.action() == TwinAction.CREATE
                    || request.action() == TwinAction.MODIFY && path.isEmpty() && existing.isEmpty()) {
                if (existing.isPresent()) {
                    throw PolicyConflictException.newBuilder(policyId).dittoHeaders(request.headers()).build();
                }
                return create(request, policyId);
            }
            final PolicyRecord policy = existing.orElseThrow(() -> notAccessible(policyId, request.headers()));
            final PolicyAccess access = PolicyAccess.of(policy.json());
            if (!access.mayReadSomething(PolicyAccess.POLICY, JsonPointer.empty(), request.subject())) {
                throw notAccessible(policyId, request.headers());
            }
            switch (request.action()) {
                case RETRIEVE: {
                    final EntityResponse found = retrieve(request, policy, access, path);
                    return ThingPreconditions.policyETag(policy, path).map(found::withETag).orElse(found);
                }
                case MODIFY:
                case DELETE:
                    return write(request, policy, access, path);
                default:
                    throw PathUnknownException.newBuilder(request.path()).dittoHeaders(request.headers()).build();
            }
        }
    }

    private EntityResponse create(final EntityRequest request, final PolicyId policyId) {
        final JsonObject given = request.value().filter(JsonValue::isObject).map(JsonValue::asObject)
                .orElseThrow(() -> JsonParseException.newBuilder()
                        .message("The value of the command must be a JSON object.").build());
        final JsonObject json = withoutSchemaVersion(given).asObject()
                .setValue(POLICY_ID, JsonValue.of(policyId.toString()));
        PoliciesModelFactory.newPolicy(json);
        // Ditto 3.9 PolicyCommandEnforcement.authorizeCreatePolicy: the creator needs unrestricted WRITE on policy:/
        // in the new policy, unless it sends allow-policy-lockout: true.
        if (!PolicyAccess.of(json).mayWrite(PolicyAccess.POLICY, JsonPointer.empty(), request.subject())
                && !"true".equals(request.headers().get(ALLOW_POLICY_LOCKOUT))) {
            throw new PolicyNotCreatable(policyId, request.headers());
        }
        // CreatePolicyStrategy: PoliciesValidator, the lockout prevention.
        if (!PolicyLockout.keepsAnAdministrator(json)) {
            throw lockedOut(policyId, JsonPointer.empty(), request.headers());
        }
        final Instant now = clock.instant();
        store.putPolicy(new PolicyRecord(policyId, json, store.nextPolicyRevision(policyId), now, now));
        return EntityResponse.of(HttpStatus.CREATED, json);
    }

    private EntityResponse retrieve(final EntityRequest request, final PolicyRecord policy,
            final PolicyAccess access, final JsonPointer path) {
        JsonObject full = policy.json();
        if (request.fields().isPresent()) {
            full = full.toBuilder()
                    .set("_revision", policy.revision())
                    .set("_created", policy.created().toString())
                    .set("_modified", policy.modified().toString())
                    .build();
        }
        final JsonObject view = access.readView(PolicyAccess.POLICY, full, request.subject());
        final JsonValue value = view.getValue(path)
                .orElseThrow(() -> partNotAccessible(policy.id(), path, request.headers()));
        final JsonValue selected = request.fields().filter(f -> value.isObject())
                .<JsonValue>map(f -> value.asObject().get(f)).orElse(value);
        return EntityResponse.of(HttpStatus.OK, selected);
    }

    private EntityResponse write(final EntityRequest request, final PolicyRecord policy, final PolicyAccess access,
            final JsonPointer path) {
        final DittoHeaders headers = request.headers();
        // Ditto 3.9 PolicyCommandEnforcement: a PolicyModifyCommand needs unrestricted WRITE on its own resource
        // path (policy:/entries/<label>/subjects for ModifySubjects, ...), not on the whole policy.
        if (!access.mayWrite(PolicyAccess.POLICY, request.path(), request.subject())) {
            throw notModifiable(policy.id(), path, headers);
        }
        if (request.action() == TwinAction.DELETE) {
            if (path.isEmpty()) {
                store.removePolicy(policy.id());
                return EntityResponse.noContent();
            }
            if (policy.json().getValue(path).isEmpty()) {
                throw partNotAccessible(policy.id(), path, headers);
            }
            save(policy, checkedLockout(policy.id(), path, policy.json().remove(path), headers));
            return EntityResponse.noContent();
        }
        final JsonValue value = withoutSchemaVersion(request.value()
                .orElseThrow(() -> JsonParseException.newBuilder().message("The command has no value.").build()));
        if (path.getLevelCount() > 2 && policy.json().getValue(path.cutLeaf()).isEmpty()) {
            throw partNotAccessible(policy.id(), path.cutLeaf(), headers);
        }
        final boolean existed = path.isEmpty() || policy.json().getValue(path).isPresent();
        final JsonObject changed = path.isEmpty() && value.isObject() ? value.asObject()
                : policy.json().setValue(path, value);
        save(policy, checkedLockout(policy.id(), path,
                changed.setValue(POLICY_ID, JsonValue.of(policy.id().toString())), headers));
        return existed ? EntityResponse.noContent() : EntityResponse.of(HttpStatus.CREATED, value);
    }

    /**
     * The changed policy, if it passes Ditto's lockout prevention (PoliciesValidator, run by every modify and delete
     * strategy of the policies service): else 403 {@code policies:policy.modificationinvalid} for a change of the
     * whole policy or of all entries (ModifyPolicyStrategy, ModifyPolicyEntriesStrategy), and 403
     * {@code policies:entry.modificationinvalid} for a change inside one entry (ModifyPolicyEntryStrategy,
     * DeletePolicyEntryStrategy, Modify/DeleteSubject(s)Strategy, Modify/DeleteResource(s)Strategy).
     */
    private static JsonObject checkedLockout(final PolicyId policyId, final JsonPointer path, final JsonObject changed,
            final DittoHeaders headers) {
        if (!PolicyLockout.keepsAnAdministrator(changed)) {
            throw lockedOut(policyId, path, headers);
        }
        return changed;
    }

    private static DittoRuntimeException lockedOut(final PolicyId policyId, final JsonPointer path,
            final DittoHeaders headers) {
        final String reason = "It must contain at least one permanent Subject with permission(s) <WRITE> on "
                + "resource <policy:/>!";
        if (path.getLevelCount() >= 2) {
            return PolicyEntryModificationInvalidException.newBuilder(policyId, path.get(1).orElseThrow())
                    .description(reason).dittoHeaders(headers).build();
        }
        return PolicyModificationInvalidException.newBuilder(policyId).description(reason).dittoHeaders(headers)
                .build();
    }

    /** The error Ditto's PolicyCommandToModifyExceptionRegistry gives a modify command without WRITE on its path. */
    private static DittoRuntimeException notModifiable(final PolicyId policyId, final JsonPointer path,
            final DittoHeaders headers) {
        final int levels = path.getLevelCount();
        if (levels < 2) {
            return PolicyNotModifiableException.newBuilder(policyId).dittoHeaders(headers).build();
        }
        final String label = path.get(1).orElseThrow().toString();
        if (levels == 2) {
            return PolicyEntryNotModifiableException.newBuilder(policyId, label).dittoHeaders(headers).build();
        }
        final boolean subjects = "subjects".equals(path.get(2).orElseThrow().toString());
        if (levels == 3) {
            return subjects
                    ? SubjectsNotModifiableException.newBuilder(policyId, label).dittoHeaders(headers).build()
                    : ResourcesNotModifiableException.newBuilder(policyId, label).dittoHeaders(headers).build();
        }
        final String key = path.get(3).orElseThrow().toString();
        return subjects
                ? SubjectNotModifiableException.newBuilder(policyId, label, key).dittoHeaders(headers).build()
                : ResourceNotModifiableException.newBuilder(policyId, label, key).dittoHeaders(headers).build();
    }

    /** Ditto answers with the model's JSON, which leaves out the {@code __schemaVersion} markers a client sent. */
    private static JsonValue withoutSchemaVersion(final JsonValue value) {
        if (!value.isObject()) {
            return value;
        }
        JsonObject result = JsonObject.empty();
        for (final org.eclipse.ditto.json.JsonField field : value.asObject()) {
            if (!"__schemaVersion".equals(field.getKeyName())) {
                result = result.setValue(field.getKey(), withoutSchemaVersion(field.getValue()));
            }
        }
        return result;
    }

    private void save(final PolicyRecord before, final JsonObject json) {
        PoliciesModelFactory.newPolicy(json);
        store.putPolicy(new PolicyRecord(before.id(), json, store.nextPolicyRevision(before.id()), before.created(),
                clock.instant()));
    }

    /**
     * Turns a protocol path into JSON keys. A resource key such as {@code thing:/features/x} contains slashes, so
     * everything after {@code /entries/<label>/resources/} is one key.
     */
    public static JsonPointer keysOf(final JsonPointer path, final DittoHeaders headers) {
        final List<JsonKey> keys = new ArrayList<>();
        path.forEach(keys::add);
        final boolean valid = keys.isEmpty()
                || "entries".equals(keys.get(0).toString()) && keys.size() <= 2
                || keys.size() >= 3 && "entries".equals(keys.get(0).toString())
                && ("subjects".equals(keys.get(2).toString()) && keys.size() <= 4
                || "resources".equals(keys.get(2).toString()));
        if (!valid) {
            throw PathUnknownException.newBuilder(path).dittoHeaders(headers).build();
        }
        if (keys.size() > 4 && "resources".equals(keys.get(2).toString())) {
            final String resource = String.join("/", keys.subList(3, keys.size()).stream()
                    .map(JsonKey::toString).toList());
            final List<JsonKey> joined = new ArrayList<>(keys.subList(0, 3));
            joined.add(JsonFactory.newKey(resource));
            return pointerOf(joined);
        }
        return pointerOf(keys);
    }

    private static JsonPointer pointerOf(final List<JsonKey> keys) {
        if (keys.isEmpty()) {
            return JsonPointer.empty();
        }
        return JsonFactory.newPointer(keys.get(0), keys.subList(1, keys.size()).toArray(JsonKey[]::new));
    }

    private static DittoRuntimeException partNotAccessible(final PolicyId policyId, final JsonPointer path,
            final DittoHeaders headers) {
        final int levels = path.getLevelCount();
        final String label = levels >= 2 ? path.get(1).orElseThrow().toString() : "";
        if (levels == 4 && "subjects".equals(path.get(2).orElseThrow().toString())) {
            return SubjectNotAccessibleException.newBuilder(policyId, label, path.get(3).orElseThrow())
                    .dittoHeaders(headers).build();
        }
        if (levels == 4) {
            return ResourceNotAccessibleException.newBuilder(policyId, label, path.get(3).orElseThrow().toString())
                    .dittoHeaders(headers).build();
        }
        if (levels >= 2) {
            return PolicyEntryNotAccessibleException.newBuilder(policyId, label).dittoHeaders(headers).build();
        }
        return notAccessible(policyId, headers);
    }

    private static PolicyNotAccessibleException notAccessible(final PolicyId policyId, final DittoHeaders headers) {
        return PolicyNotAccessibleException.newBuilder(policyId).dittoHeaders(headers).build();
    }
}
