package dev.asiarch.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asiarch.app.AsiArchMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's --help renders as written: picocli warns on stderr about a stray '%' and prints the raw text. */
class UsageTextTest {

    @Test
    void everyCommandsUsageRendersWithoutAWarning() {
        List<CommandLine> commands = new ArrayList<>();
        collect(AsiArchMain.commandLine(), commands);
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            for (CommandLine command : commands) {
                assertThat(command.getUsageMessage()).as(command.getCommandName()).isNotBlank();
            }
        } finally {
            System.setErr(original);
        }
        assertThat(commands).hasSizeGreaterThan(9);
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        command.getSubcommands().values().forEach(sub -> collect(sub, into));
    }
}
