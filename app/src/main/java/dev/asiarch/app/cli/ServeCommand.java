package dev.asiarch.app.cli;

import dev.asiarch.app.AsiArchApplication;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code serve}: the dashboard and REST API, with workers, until interrupted; campaigns start from either. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the web dashboard and REST API, with the workers, until interrupted (Ctrl-C). Start "
                + "campaigns from the dashboard, with 'asi-arch campaign start', or with POST /api/campaigns.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"130:stopped by Ctrl-C (SIGINT; the usual code for an interrupt)", "2:bad command line",
                "3:could not start (port in use, listening beyond this machine without a token, bad setting)"})
public final class ServeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "port of the dashboard and API (default: "
            + "${DEFAULT-VALUE}; 0 picks a free one)")
    private int port;

    @Option(names = "--address", defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "address to listen on (default: ${DEFAULT-VALUE}); any other than a loopback address needs "
                    + "a token (ASI_ARCH_TOKEN or --set asi-arch.web.token=...)")
    private String address;

    @Mixin
    private ApplicationOptions application;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be 0-65535, was " + port);
        }
        List<String> arguments = new ArrayList<>(Arrays.asList(application.springArguments()));
        arguments.add("--server.port=" + port);
        arguments.add("--server.address=" + address);
        Optional<ConfigurableApplicationContext> started = ApplicationStart.start(AsiArchApplication.withDashboard(),
                arguments.toArray(String[]::new), spec, "asi-arch serve");
        if (started.isEmpty()) {
            return ExitCodes.STARTUP;
        }
        ConfigurableApplicationContext context = started.get();
        CountDownLatch closed = new CountDownLatch(1);
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent) {
                closed.countDown();
            }
        });
        PrintWriter out = spec.commandLine().getOut();
        out.println("dashboard: " + address(context));
        out.println("API:       " + address(context) + "api/campaigns   (asi-arch campaign --help)");
        out.println("stop with Ctrl-C; campaigns that are running stop with it (the embedded Temporal server keeps "
                + "nothing across restarts)");
        out.flush();
        closed.await();
        return ExitCodes.OK;
    }

    /** Where the dashboard of a started application answers. */
    static String address(ApplicationContext context) {
        String host = context.getEnvironment().getProperty("server.address", "127.0.0.1");
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/";
    }
}
