package io.cmrsweep.worker.train;

/** What one optimizer step did: its 0-based index, training loss, gradient norm before clipping, rate. */
public record StepResult(long step, double loss, double gradNorm, double learningRate, int tokens, int domainRows) {}
