package io.twinbridge.gateway.http;

import io.twinbridge.gateway.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Bearer tokens of the admin API, kept only as SHA-256 hashes ({@code admin.principals}). The tokens are meant to be
 * long random strings, so a plain hash is enough: there is no dictionary to try, unlike with passwords. Every hash is
 * compared, in constant time, so the answer time tells nothing about which principal nearly matched.
 */
public final class AdminAuth {
    private static final String BEARER = "Bearer ";

    private record Entry(AdminPrincipal principal, byte[] hash) {
    }

    private final List<Entry> entries;

    private AdminAuth(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** From {@code <name>:<* or tenant id>:<sha256-hex>} entries, as {@code admin.principals} validated them. */
    public static AdminAuth of(List<String> principals) {
        List<Entry> entries = new ArrayList<>();
        for (String line : principals) {
            String[] parts = line.split(":", -1);
            if (parts.length != 3) {
                throw new IllegalArgumentException("admin principal '" + parts[0] + "' is not <name>:<scope>:<hash>");
            }
            Optional<TenantId> tenant = parts[1].equals("*") ? Optional.empty() : Optional.of(TenantId.of(parts[1]));
            entries.add(new Entry(new AdminPrincipal(parts[0], tenant), HexFormat.of().parseHex(parts[2])));
        }
        return new AdminAuth(entries);
    }

    /** The principal whose token the {@code Authorization} header carries, if any. */
    public Optional<AdminPrincipal> authenticate(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        byte[] presented = sha256(authorizationHeader.substring(BEARER.length()).trim());
        AdminPrincipal found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.hash(), presented) && found == null) {
                found = entry.principal();
            }
        }
        return Optional.ofNullable(found);
    }

    /** The hex SHA-256 of a token, as {@code admin.principals} wants it. */
    public static String hash(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
