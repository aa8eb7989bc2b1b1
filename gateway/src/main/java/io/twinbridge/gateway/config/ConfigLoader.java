package io.twinbridge.gateway.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Merges defaults, the YAML file and the environment (in that order of precedence) and checks every value. */
final class ConfigLoader {
    /** Kafka client properties the gateway sets from its own keys; a pass-through copy would silently fight them. */
    private static final Map<String, ConfigKey> RESERVED_CLIENT_PROPERTIES = Map.of(
            "bootstrap.servers", ConfigKey.KAFKA_BOOTSTRAP_SERVERS,
            "group.id", ConfigKey.KAFKA_GROUP_ID);

    private final Map<ConfigKey, RawSetting> raw = new EnumMap<>(ConfigKey.class);
    private final Map<String, RawSetting> clientProperties = new TreeMap<>();
    private final List<String> warnings = new ArrayList<>();

    GatewayConfig load(Optional<Path> file, Map<String, String> env) {
        for (ConfigKey key : ConfigKey.values()) {
            if (!key.isPrefix()) {
                raw.put(key, new RawSetting(key.defaultValue(), "default"));
            }
        }
        file.map(YamlConfigFile::read).ifPresent(this::applyFile);
        applyEnv(env);

        Map<ConfigKey, Object> values = new EnumMap<>(ConfigKey.class);
        Map<ConfigKey, String> sources = new EnumMap<>(ConfigKey.class);
        raw.forEach((key, setting) -> {
            values.put(key, parse(key, setting));
            sources.put(key, setting.source());
        });
        Map<String, String> client = new TreeMap<>();
        clientProperties.forEach((name, setting) -> client.put(name, setting.value()));
        return new GatewayConfig(values, sources, client, warnings);
    }

    private void applyFile(Map<String, RawSetting> fileSettings) {
        fileSettings.forEach((name, setting) -> {
            Optional<ConfigKey> key = ConfigKey.byKey(name);
            if (key.isPresent()) {
                raw.put(key.get(), setting);
                return;
            }
            Optional<ConfigKey> prefix = ConfigKey.prefixOf(name);
            if (prefix.isPresent()) {
                putClientProperty(name.substring(prefix.get().key().length() + 1), name, setting);
                return;
            }
            throw new ConfigException(name, setting.source(),
                    "unknown key" + Suggestions.didYouMean(name, knownKeys()));
        });
    }

    private void applyEnv(Map<String, String> env) {
        new TreeMap<>(env).forEach((variable, value) -> {
            if (!variable.startsWith(ConfigKey.envPrefix())) {
                return;
            }
            RawSetting setting = new RawSetting(value, "env " + variable);
            Optional<ConfigKey> key = Arrays.stream(ConfigKey.values())
                    .filter(k -> !k.isPrefix() && k.envVar().equals(variable)).findFirst();
            if (key.isPresent()) {
                raw.put(key.get(), setting);
                return;
            }
            Optional<ConfigKey> prefix = Arrays.stream(ConfigKey.values())
                    .filter(k -> k.isPrefix() && variable.startsWith(k.envVar() + "_")).findFirst();
            if (prefix.isPresent()) {
                String member = variable.substring(prefix.get().envVar().length() + 1)
                        .toLowerCase(Locale.ROOT).replace('_', '.');
                putClientProperty(member, prefix.get().key() + "." + member, setting);
                return;
            }
            // Other tools (launcher scripts) may share the prefix, so an unknown variable is a warning, not an error.
            warnings.add("ignoring unknown environment variable " + variable
                    + Suggestions.didYouMean(variable, knownEnvVars()));
        });
    }

    private void putClientProperty(String property, String dottedKey, RawSetting setting) {
        ConfigKey owner = RESERVED_CLIENT_PROPERTIES.get(property);
        if (owner != null) {
            throw new ConfigException(dottedKey, setting.source(),
                    "'" + property + "' is set by the gateway; use '" + owner.key() + "' instead");
        }
        if (setting.value().isBlank()) {
            throw new ConfigException(dottedKey, setting.source(), "must not be blank");
        }
        clientProperties.put(property, setting);
    }

    private static Object parse(ConfigKey key, RawSetting setting) {
        try {
            Object value = key.type().parse(setting.value());
            key.validator().check(value);
            return value;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key.key(), setting.source(), e.getMessage());
        }
    }

    private static Set<String> knownKeys() {
        return Arrays.stream(ConfigKey.values()).map(ConfigKey::key).collect(java.util.stream.Collectors.toSet());
    }

    private static Set<String> knownEnvVars() {
        return Arrays.stream(ConfigKey.values()).map(ConfigKey::envVar).collect(java.util.stream.Collectors.toSet());
    }
}
