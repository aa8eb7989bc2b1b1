package io.twinbridge.gateway.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads a YAML config file into flat dotted keys ({@code kafka: {group-id: x}} becomes {@code kafka.group-id}),
 * remembering the line of every value. A streaming parser is used instead of a tree so that the line survives.
 */
final class YamlConfigFile {
    private static final YAMLFactory YAML = new YAMLFactory();

    private final Path file;
    private final Map<String, RawSetting> settings = new LinkedHashMap<>();

    private YamlConfigFile(Path file) {
        this.file = file;
    }

    static Map<String, RawSetting> read(Path file) {
        YamlConfigFile reader = new YamlConfigFile(file);
        reader.parse();
        return Map.copyOf(reader.settings);
    }

    private void parse() {
        try (InputStream in = Files.newInputStream(file); JsonParser parser = YAML.createParser(in)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return;
            }
            if (first != JsonToken.START_OBJECT) {
                throw ConfigException.badFile(file.toString(), where(parser.currentTokenLocation()),
                        "the top level must be a mapping of keys to values");
            }
            readObject(parser, "");
        } catch (NoSuchFileException e) {
            throw ConfigException.badFile(file.toString(), "", "file not found");
        } catch (JsonProcessingException e) {
            throw ConfigException.badFile(file.toString(), where(e.getLocation()), "malformed YAML: "
                    + e.getOriginalMessage().lines().findFirst().orElse("syntax error"));
        } catch (IOException e) {
            throw ConfigException.badFile(file.toString(), "", "cannot read: " + e.getMessage());
        }
    }

    private void readObject(JsonParser parser, String prefix) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            String key = prefix.isEmpty() ? name : prefix + "." + name;
            JsonToken token = parser.nextToken();
            JsonLocation location = parser.currentTokenLocation();
            switch (token) {
                case START_OBJECT -> readObject(parser, key);
                case START_ARRAY -> put(key, readScalarList(parser, key), location);
                case VALUE_NULL -> throw new ConfigException(key, source(location), "has no value");
                default -> put(key, parser.getText(), location);
            }
        }
    }

    private String readScalarList(JsonParser parser, String key) throws IOException {
        List<String> items = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY || token == JsonToken.VALUE_NULL) {
                throw new ConfigException(key, source(parser.currentTokenLocation()),
                        "a list may only hold plain values");
            }
            items.add(parser.getText());
        }
        return String.join(",", items);
    }

    private void put(String key, String value, JsonLocation location) {
        RawSetting previous = settings.putIfAbsent(key, new RawSetting(value, source(location)));
        if (previous != null) {
            throw new ConfigException(key, source(location), "is set twice (also at " + previous.source() + ")");
        }
    }

    private String source(JsonLocation location) {
        return ("file " + file + " " + where(location)).trim();
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
