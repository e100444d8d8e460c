package dev.asiarch.app;

import dev.asiarch.app.cli.CampaignCommand;
import dev.asiarch.app.cli.DiscoverCommand;
import dev.asiarch.app.cli.GalleryCommand;
import dev.asiarch.app.cli.ReplayCommand;
import dev.asiarch.app.cli.ReportCommand;
import dev.asiarch.app.cli.ScheduleCommand;
import dev.asiarch.app.cli.ServeCommand;
import dev.asiarch.app.cli.StudyCommand;
import dev.asiarch.app.cli.WorkerCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code asi-arch} command line. */
@Command(name = "asi-arch", mixinStandardHelpOptions = true, version = "asi-arch 0.1.0",
        description = "Autonomous neural-architecture research as durable Temporal workflows.",
        subcommands = {DiscoverCommand.class, CampaignCommand.class, ServeCommand.class, ReportCommand.class,
                GalleryCommand.class, StudyCommand.class, ReplayCommand.class, ScheduleCommand.class, WorkerCommand.class},
        exitCodeListHeading = "%nExit codes (each command's --help says which it uses):%n",
        exitCodeList = {"0:done", "1:the work failed", "2:bad command line", "3:could not start or reach a service",
                "4:not found (campaign, experiment)", "5:refused (token needed, campaign cannot do that now)"})
public final class AsiArchMain implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required, e.g. 'discover'");
    }

    public static CommandLine commandLine() {
        return new CommandLine(new AsiArchMain());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
