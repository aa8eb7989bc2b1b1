package io.twinbridge.launcher;

import java.util.List;

import io.twinbridge.gateway.Main;

/** Runs the gateway alone against a Kafka and a Ditto that already run elsewhere. */
final class RunCommand extends NamedCommand {

    RunCommand() {
        super("run", "run the gateway against an existing Kafka and Ditto: run [--config FILE]");
    }

    @Override
    public int run(List<String> args, Console console) {
        // logs as the gateway alone would (INFO on stdout), not as quietly as the demo and the tools
        GatewayLogging.useGatewayConfiguration();
        // The gateway's own entry point parses the arguments and blocks until the gateway has stopped, so `run`
        // and `java -jar twinbridge-gateway.jar` behave the same.
        return Main.run(args.toArray(String[]::new), System.getenv(), console.err());
    }
}
