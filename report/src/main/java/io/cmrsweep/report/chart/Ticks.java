package io.cmrsweep.report.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Axis ticks at "nice" values (1, 2, 5 times a power of ten) and their short labels. */
final class Ticks {
  private Ticks() {}

  static List<Double> linear(double lo, double hi, int target) {
    double span = hi - lo;
    if (!(span > 0)) {
      return List.of(lo);
    }
    double raw = span / Math.max(1, target);
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    double norm = raw / mag;
    double step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
    List<Double> ticks = new ArrayList<>();
    for (double t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) {
      ticks.add(Math.abs(t) < step * 1e-9 ? 0.0 : t);
    }
    return ticks;
  }

  /** Powers of ten inside [lo, hi] (both > 0); falls back to linear ticks over less than a decade. */
  static List<Double> log(double lo, double hi, int target) {
    List<Double> ticks = new ArrayList<>();
    for (int e = (int) Math.ceil(Math.log10(lo)); e <= Math.floor(Math.log10(hi)); e++) {
      ticks.add(Math.pow(10, e));
    }
    return ticks.size() >= 2 ? ticks : linear(lo, hi, target);
  }

  static String label(double v) {
    double a = Math.abs(v);
    if (a == 0) {
      return "0";
    }
    if (a >= 1e9) {
      return trim(v / 1e9) + "B";
    }
    if (a >= 1e6) {
      return trim(v / 1e6) + "M";
    }
    if (a >= 1e4) {
      return trim(v / 1e3) + "k";
    }
    if (a < 1e-3) {
      return String.format(Locale.ROOT, "%.0e", v);
    }
    return trim(v);
  }

  private static String trim(double v) {
    String s = String.format(Locale.ROOT, "%.3f", v);
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
