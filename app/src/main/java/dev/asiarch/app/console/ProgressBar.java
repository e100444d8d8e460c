package dev.asiarch.app.console;

import java.io.PrintWriter;

/**
 * A text progress bar for long work. On a terminal it redraws one line in place; elsewhere (a pipe, a
 * log file, a test) it prints a new line only when what it shows changes.
 */
public final class ProgressBar {

    private static final int WIDTH = 20;

    private final PrintWriter out;
    private final boolean terminal;
    private String shown = "";

    public ProgressBar(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** {@code [######..............] 3/10 experiments}. */
    public static String render(int done, int total, String unit) {
        int filled = total <= 0 ? 0 : (int) Math.round(WIDTH * Math.min(1.0, (double) done / total));
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total + " " + unit;
    }

    public void show(int done, int total, String unit, String detail) {
        String line = render(done, total, unit) + (detail.isEmpty() ? "" : "  " + detail);
        if (line.equals(shown)) {
            return;
        }
        if (terminal) {
            out.print("\r" + line + " ".repeat(Math.max(0, shown.length() - line.length())));
        } else {
            out.println(line);
        }
        shown = line;
        out.flush();
    }

    /** Ends the bar's line, so what follows starts on a fresh one. */
    public void finish() {
        if (terminal && !shown.isEmpty()) {
            out.println();
            out.flush();
        }
    }
}
