package dev.asiarch.app.cli;

/** The CLI's exit codes. */
public final class ExitCodes {

    /** The command did what was asked (a campaign finished; failed candidates are results, not errors). */
    public static final int OK = 0;
    /** The work itself failed, e.g. the baseline could not be trained. */
    public static final int FAILED = 1;
    /** Bad command line: unknown option, bad value. */
    public static final int USAGE = 2;
    /** Could not start: a port in use, a bad or missing setting, an unreachable service. */
    public static final int STARTUP = 3;

    private ExitCodes() {
    }
}
