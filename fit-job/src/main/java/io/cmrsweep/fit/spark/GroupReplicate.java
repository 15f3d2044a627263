package io.cmrsweep.fit.spark;

import io.cmrsweep.fit.bootstrap.Replicate;

/** One bootstrap replicate of group number {@code group}, as a task returns it to the driver. */
record GroupReplicate(int group, Replicate replicate) {}
