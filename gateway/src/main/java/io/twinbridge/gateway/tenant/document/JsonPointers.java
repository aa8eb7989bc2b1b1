package io.twinbridge.gateway.tenant.document;

import com.networknt.schema.path.NodePath;

/** RFC 6901 JSON pointers from the validator's node paths, whatever path notation it was configured with. */
final class JsonPointers {
    private JsonPointers() {
    }

    static String of(NodePath path) {
        StringBuilder pointer = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            pointer.append('/').append(escape(String.valueOf(path.getElement(i))));
        }
        return pointer.toString();
    }

    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
