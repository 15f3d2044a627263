package io.cmrsweep.fit.adaptive;

import java.util.Map;

/**
 * What one round must bring within the target width: a swept group's own CMR interval (weight 1 on itself), or
 * the CMR predicted at a target size for one domain, whose variance is about the sum over the domain's swept
 * groups of weight x that group's CMR variance (weight = the squared change of the prediction per unit change of
 * the group's CMR).
 */
record Target(GroupWidth width, Map<String, Double> weights) {

  Target {
    weights = Map.copyOf(weights);
  }

  String name() {
    return width.group();
  }
}
