package io.cmrsweep.fit.adaptive;

/**
 * Where one group stands before a round: its fit status, point CMR and percentile interval; {@code width} is
 * +infinity when the group has no interval yet (the fit failed or most replicates did).
 */
public record GroupWidth(String group, String status, double cmr, double low, double high, double width) {

  public GroupWidth {
    if (group == null || group.isBlank() || status == null) {
      throw new IllegalArgumentException("a group width needs a group and a status");
    }
    if (Double.isNaN(width) || width < 0) {
      throw new IllegalArgumentException("width=" + width + " of " + group + " must be >= 0 (+inf when unknown)");
    }
  }

  public boolean identified() {
    return Double.isFinite(width);
  }

  public boolean reached(double target) {
    return width <= target;
  }
}
