package io.twinbridge.gateway.model;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown at start when the shipped models, schemas and bindings are inconsistent; lists every problem found. */
public final class ModelRegistryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public ModelRegistryException(List<Problem> problems) {
        super(problems.size() + " problem(s) in twin models, schemas and bindings:\n"
                + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
