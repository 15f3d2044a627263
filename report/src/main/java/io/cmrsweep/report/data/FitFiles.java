package io.cmrsweep.report.data;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cmrsweep.core.loss.LossFiles;
import io.cmrsweep.core.loss.LossFormat;
import io.cmrsweep.core.storage.AtomicFiles;
import io.cmrsweep.core.storage.SweepLayout;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads a sweep's fit outputs (fits/cmr.json, laws.json, curves.json) and its loss files through Hadoop's
 * FileSystem, so reports work on file://, hdfs:// and s3a:// roots alike.
 */
public final class FitFiles {
  private final Configuration conf;

  public FitFiles(Configuration conf) {
    this.conf = conf;
  }

  public SweepResults read(SweepLayout layout) {
    Path fits = layout.fitsDir();
    List<GroupResult> groups = rows(new Path(fits, "cmr.json"), FitFiles::group);
    List<LawCurve> laws = rows(new Path(fits, "laws.json"), FitFiles::law);
    List<CurvePoint> curves = rows(new Path(fits, "curves.json"), FitFiles::curve);
    List<MeanTrajectory> trajectories = new Trajectories().of(
        new LossFiles(conf).readAll(layout.lossesDir(), LossFormat.PARQUET));
    return new SweepResults(layout.sweep(), groups, laws, curves, trajectories);
  }

  private <T> List<T> rows(Path file, Function<JsonObject, T> parse) {
    try {
      FileSystem fs = new AtomicFiles(conf).fileSystem(file);
      JsonArray array;
      try (InputStream in = fs.open(file)) {
        array = JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonArray();
      }
      List<T> out = new ArrayList<>();
      for (JsonElement e : array) {
        out.add(parse.apply(e.getAsJsonObject()));
      }
      return out;
    } catch (FileNotFoundException e) {
      throw new IllegalArgumentException(file + " does not exist; run the fit first (cmr fit <spec>)", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(file + " is not a fit output this report understands: " + e.getMessage(), e);
    }
  }

  private static GroupResult group(JsonObject o) {
    return new GroupResult(str(o, "sweep"), str(o, "domain"), str(o, "model"), (long) num(o, "model_params"),
        num(o, "cmr"), num(o, "ci_low"), num(o, "ci_high"), num(o, "level"), (int) num(o, "replicates"),
        (int) num(o, "failed_replicates"), str(o, "replicate_failures"), num(o, "t_max"), num(o, "lambda"),
        num(o, "eps"), num(o, "sup_a"), str(o, "status"), str(o, "status_detail"), bool(o, "interpolated"),
        num(o, "cmr_lambda_100"), num(o, "cmr_lambda_1000"), num(o, "cmr_lambda_7000"),
        num(o, "base_general_loss"), num(o, "base_domain_loss"), nums(o, "ratios"), nums(o, "t0"),
        bools(o, "t0_extrapolated"), nums(o, "feasible_ratios"),
        minOf(nums(o, "token_law_r2_domain"), nums(o, "token_law_r2_general")), num(o, "cmr_law_r2"),
        str(o, "input_issues"), str(o, "advice"));
  }

  private static LawCurve law(JsonObject o) {
    return new LawCurve(str(o, "domain"), str(o, "model"), str(o, "law"), num(o, "ratio"), nums(o, "parameters"),
        num(o, "r2"), bool(o, "converged"));
  }

  private static CurvePoint curve(JsonObject o) {
    return new CurvePoint(str(o, "domain"), str(o, "model"), num(o, "tokens"), num(o, "cmr"), num(o, "band_low"),
        num(o, "band_high"));
  }

  private static double minOf(List<Double> a, List<Double> b) {
    double m = Double.NaN;
    for (List<Double> l : List.of(a, b)) {
      for (double v : l) {
        m = Double.isNaN(m) || v < m ? v : m;
      }
    }
    return m;
  }

  private static String str(JsonObject o, String k) {
    JsonElement e = o.get(k);
    return e == null || e.isJsonNull() ? "" : e.getAsString();
  }

  private static double num(JsonObject o, String k) {
    JsonElement e = o.get(k);
    return e == null || e.isJsonNull() ? Double.NaN : e.getAsDouble();
  }

  private static boolean bool(JsonObject o, String k) {
    JsonElement e = o.get(k);
    return e != null && !e.isJsonNull() && e.getAsBoolean();
  }

  private static List<Double> nums(JsonObject o, String k) {
    List<Double> out = new ArrayList<>();
    JsonElement e = o.get(k);
    if (e != null && e.isJsonArray()) {
      for (JsonElement x : e.getAsJsonArray()) {
        out.add(x.isJsonNull() ? Double.NaN : x.getAsDouble());
      }
    }
    return out;
  }

  private static List<Boolean> bools(JsonObject o, String k) {
    List<Boolean> out = new ArrayList<>();
    JsonElement e = o.get(k);
    if (e != null && e.isJsonArray()) {
      for (JsonElement x : e.getAsJsonArray()) {
        out.add(!x.isJsonNull() && x.getAsBoolean());
      }
    }
    return out;
  }
}
