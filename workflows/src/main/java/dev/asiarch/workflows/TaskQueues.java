package dev.asiarch.workflows;

/** The three task queues: workflows, agent calls, and everything that runs candidate code. */
public final class TaskQueues {

    /** Campaign and experiment workflows, and the experiment store. */
    public static final String ORCHESTRATION = "asi-arch-orchestration";
    /** Research agents: propose, novelty, repair, judge, analyse. */
    public static final String LLM = "asi-arch-llm";
    /** Compiling, checking and training candidates; one worker per accelerator. */
    public static final String GPU = "asi-arch-gpu";

    private TaskQueues() {
    }
}
