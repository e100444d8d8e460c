package dev.asiarch.app.cli;

import java.util.Optional;
import org.springframework.boot.builder.SpringApplicationBuilder;
import dev.asiarch.artifacts.PortInUseException;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Model.CommandSpec;

/**
 * How a command starts the application: the one place where a start-up failure becomes a single line
 * on the command's standard error (the cause we wrote ourselves, not Spring's chain) and exit code
 * {@link ExitCodes#STARTUP}.
 */
final class ApplicationStart {

    private ApplicationStart() {
    }

    /**
     * The started application, or empty once "{@code who}: cannot start: why" has been printed; the
     * command then returns {@link ExitCodes#STARTUP}.
     */
    static Optional<ConfigurableApplicationContext> start(SpringApplicationBuilder application, String[] arguments,
                                                          CommandSpec spec, String who) {
        try {
            return Optional.of(application.run(arguments));
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println(who + ": cannot start: " + startupMessage(e));
            spec.commandLine().getErr().flush();
            return Optional.empty();
        }
    }

    /** The message of the innermost cause we wrote ourselves, else of the root cause. */
    static String startupMessage(Throwable error) {
        Throwable root = error;
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof PortInUseException || cause instanceof IllegalArgumentException) {
                return cause.getMessage();
            }
            if (cause.getMessage() != null && cause.getMessage().contains("Database may be already in use")) {
                return "the data folder's database is open in another asi-arch process (serve or discover); wait for "
                        + "it to end, or use another --data-dir";
            }
            if (cause instanceof org.springframework.boot.web.server.PortInUseException web) {
                return "port " + web.getPort() + " is already in use (server.port, the dashboard's); pass --port N "
                        + "or --set server.port=N";
            }
            root = cause;
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
