package io.github.convscope.spark;

/** Which of DL4J's Spark training masters a {@link SparkTrainer} uses. */
public enum TrainingMode {
    /**
     * DL4J's {@code ParameterAveragingTrainingMaster}: each worker fits {@code averagingFrequency} batches from the
     * same parameters, then the driver averages parameters and updater state. Synchronous: the trainer hands DL4J
     * the epoch in Keras's batch order, {@code workers * averagingFrequency} batches at a time, so the batches each
     * worker fits are fixed (with one worker the result equals {@code fit}'s; with several, the last digits may vary
     * from run to run).
     */
    PARAMETER_AVERAGING,
    /**
     * DL4J's {@code SharedTrainingMaster}: workers train asynchronously and exchange threshold-encoded updates over
     * Aeron (UDP). Scales better on a cluster; results vary from run to run. One Spark task per executor JVM trains
     * one model copy, its operations using the executor's cores; the trainer's {@code workers} setting does not
     * apply. (DL4J 1.0.0-M2 loses a second task's batches in the same JVM, and its multi-copy mode never ends.)
     */
    SHARED_GRADIENTS
}
