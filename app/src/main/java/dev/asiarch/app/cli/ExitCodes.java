package dev.asiarch.app.cli;

/** The CLI's exit codes. */
public final class ExitCodes {

    /** The command did what was asked (a campaign finished; failed candidates are results, not errors). */
    public static final int OK = 0;
    /** The work itself failed, e.g. the baseline could not be trained. */
    public static final int FAILED = 1;
    /** Bad command line: unknown option, bad value. */
    public static final int USAGE = 2;
    /** Could not start, or could not reach the server: a port in use, a bad or missing setting, a service down. */
    public static final int STARTUP = 3;
    /** No such campaign, experiment or file where the command looked. */
    public static final int NOT_FOUND = 4;
    /** The server refused: it needs a token, or the campaign cannot take that action now (e.g. it finished). */
    public static final int REFUSED = 5;

    private ExitCodes() {
    }
}
