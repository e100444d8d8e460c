package dev.asiarch.app.wiring;

import io.temporal.worker.WorkerFactory;

/** One task queue's worker, as this process serves it: what it adds to the process's {@link WorkerFactory}. */
@FunctionalInterface
interface QueueWorker {

    void addTo(WorkerFactory factory);
}
