package io.cmrsweep.fit.output;

import io.cmrsweep.fit.bootstrap.BootstrapSummary;
import io.cmrsweep.fit.cmr.GroupFit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One point of the CMR-vs-T curve of one group with its bootstrap band (fits/curves.*). */
public record CurveRow(
    String sweep,
    String domain,
    String model,
    double tokens,
    double tOverTMax,
    double cmr,
    double bandLow,
    double bandHigh) implements ResultRow, java.io.Serializable {

  /** The curve of {@code fit} on its grid; the band is NaN where the summary has none. */
  public static List<CurveRow> of(GroupFit fit, BootstrapSummary summary) {
    double[] grid = fit.curveGrid();
    double[] tokens = fit.curveTokens();
    double[] values = fit.curveValues();
    double[] lo = summary.curveLow();
    double[] hi = summary.curveHigh();
    List<CurveRow> rows = new ArrayList<>();
    for (int i = 0; i < grid.length; i++) {
      rows.add(new CurveRow(fit.key().sweep(), fit.key().domain(), fit.key().model(), tokens[i], grid[i], values[i],
          i < lo.length ? lo[i] : Double.NaN, i < hi.length ? hi[i] : Double.NaN));
    }
    return rows;
  }

  @Override
  public Map<String, Object> columns() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("sweep", sweep);
    c.put("domain", domain);
    c.put("model", model);
    c.put("tokens", tokens);
    c.put("t_over_t_max", tOverTMax);
    c.put("cmr", cmr);
    c.put("band_low", bandLow);
    c.put("band_high", bandHigh);
    return c;
  }
}
