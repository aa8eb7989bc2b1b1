package io.twinbridge.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinbridge.gateway.dlq.DeadLetter;
import io.twinbridge.gateway.dlq.DeadLetterFilter;
import io.twinbridge.gateway.dlq.DeadLetterInspector;
import io.twinbridge.gateway.dlq.DeadLetterSummary;
import io.twinbridge.gateway.dlq.DlqTopics;
import io.twinbridge.gateway.dlq.ParsedDeadLetter;
import java.util.Map;
import java.util.Properties;

/** Prints what {@link DeadLetterInspector} found: as text for people, or as one JSON object for scripts. */
final class DlqInspect {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Properties client;
    private final Console console;

    DlqInspect(Properties client, Console console) {
        this.client = client;
        this.console = console;
    }

    int run(DlqTopics topics, DeadLetterFilter filter, int limit, boolean json) {
        DeadLetterSummary summary = new DeadLetterInspector(client).inspect(topics.deadLetter(), filter, limit);
        if (json) {
            console.out().println(json(topics, summary).toString());
        } else {
            text(topics, summary);
        }
        return ExitCodes.OK;
    }

    private void text(DlqTopics topics, DeadLetterSummary summary) {
        var out = console.out();
        out.println(topics.deadLetter() + ": " + summary.matched() + " dead letter(s) match of " + summary.scanned()
                + " record(s)" + (summary.invalid().isEmpty() ? "" : ", " + summary.invalid().size()
                + " without dead-letter headers"));
        printCounts("by stage:", summary.byStage());
        printCounts("by code:", summary.byCode());
        if (!summary.first().isEmpty()) {
            out.println("first " + summary.first().size() + ":");
            for (DeadLetter d : summary.first()) {
                out.println("  " + d.at().partition() + "/" + d.at().offset() + "  " + d.deadLetteredAt() + "  "
                        + d.stage() + "  " + d.code() + "  from " + d.source() + "  key " + d.keyText());
                out.println("      " + d.message());
            }
        }
        for (ParsedDeadLetter.Invalid bad : summary.invalid()) {
            out.println("  not a dead letter: " + bad.at() + ": " + bad.reason());
        }
    }

    private void printCounts(String title, Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return;
        }
        int width = counts.keySet().stream().mapToInt(String::length).max().orElse(0);
        console.out().println(title);
        counts.forEach((name, n) -> console.out().printf("  %-" + width + "s  %d%n", name, n));
    }

    static ObjectNode json(DlqTopics topics, DeadLetterSummary summary) {
        ObjectNode root = JSON.createObjectNode();
        root.put("topic", topics.deadLetter());
        root.put("scanned", summary.scanned());
        root.put("matched", summary.matched());
        root.put("invalid", summary.invalid().size());
        ObjectNode byStage = root.putObject("byStage");
        summary.byStage().forEach(byStage::put);
        ObjectNode byCode = root.putObject("byCode");
        summary.byCode().forEach(byCode::put);
        ArrayNode first = root.putArray("first");
        for (DeadLetter d : summary.first()) {
            ObjectNode r = first.addObject();
            r.put("partition", d.at().partition());
            r.put("offset", d.at().offset());
            r.put("time", d.deadLetteredAt().toString());
            r.put("stage", d.stage());
            r.put("code", d.code());
            r.put("message", d.message());
            ObjectNode source = r.putObject("source");
            source.put("topic", d.source().topic());
            source.put("partition", d.source().partition());
            source.put("offset", d.source().offset());
            r.put("key", d.keyText());
        }
        return root;
    }
}
