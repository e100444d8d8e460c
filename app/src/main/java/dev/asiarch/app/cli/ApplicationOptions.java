package dev.asiarch.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every command that starts the application takes: its data folder and any setting. */
final class ApplicationOptions {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "folder for the embedded database, object store and work folders (default: ./asi-arch-data)")
    private Path dataDir;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "any configuration property, e.g. --set asi-arch.temporal.embedded-port=7234")
    private Map<String, String> settings = new LinkedHashMap<>();

    /** Spring Boot's command-line arguments for these options. */
    String[] springArguments() {
        List<String> args = new ArrayList<>();
        if (dataDir != null) {
            args.add("--asi-arch.data-dir=" + dataDir);
        }
        settings.forEach((key, value) -> args.add("--" + key + "=" + value));
        return args.toArray(String[]::new);
    }
}
