package io.cmrsweep.bench.worker;

import io.cmrsweep.core.loss.LossFiles;
import io.cmrsweep.core.loss.LossFormat;
import io.cmrsweep.core.loss.LossRecord;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Summarises CPT loss files as a Markdown table: per trial the base losses, the largest rise of the general
 * loss (and where), and the changes of both losses at T_max. {@code LossTable <losses dir or file>}.
 */
public final class LossTable {
  private static final long EARLY_TOKENS = 100_000;

  /** {@code LossTable DIR} prints the summary; {@code LossTable DIR TRIAL_ID} one trial's trajectory. */
  public static void main(String[] args) {
    List<LossRecord> all = new LossFiles(new Configuration()).readAll(new Path(args[0]), LossFormat.PARQUET);
    System.out.print(args.length > 1 ? trajectory(all, args[1]) : render(all));
  }

  static String trajectory(List<LossRecord> all, String trialId) {
    StringBuilder sb = new StringBuilder("| T (tokens) | step | L_gen | dL_gen | L_dom | dL_dom |\n|---|---|---|---|---|---|\n");
    List<LossRecord> rs = all.stream().filter(r -> r.trialId().equals(trialId))
        .sorted(Comparator.comparingLong(LossRecord::tokens)).toList();
    for (LossRecord r : rs) {
      sb.append(String.format(Locale.ROOT, "| %,d | %d | %.4f | %+.4f | %.4f | %+.4f |%n", r.tokens(), r.step(),
          r.generalLoss(), r.generalLoss() - rs.get(0).generalLoss(), r.domainLoss(),
          r.domainLoss() - rs.get(0).domainLoss()));
    }
    return sb.toString();
  }

  static String render(List<LossRecord> all) {
    Map<String, List<LossRecord>> byTrial = all.stream().collect(Collectors.groupingBy(
        r -> r.model() + "|" + r.domain() + "|" + String.format(Locale.ROOT, "%.3f", r.ratio()) + "|" + r.trialId(),
        TreeMap::new, Collectors.toList()));
    StringBuilder sb = new StringBuilder("| model | params | domain | R | base L_gen | base L_dom | max dL_gen (at T) "
        + "| dL_dom (T≈100k) | dL_gen(T_max) | dL_dom(T_max) | T_max | points |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (List<LossRecord> rs : byTrial.values()) {
      rs.sort(Comparator.comparingLong(LossRecord::tokens));
      LossRecord base = rs.get(0);
      LossRecord last = rs.get(rs.size() - 1);
      LossRecord peak = rs.stream().skip(1).max(Comparator.comparingDouble(LossRecord::generalLoss)).orElse(base);
      double rise = peak.generalLoss() - base.generalLoss();
      LossRecord early = rs.stream().skip(1).min(Comparator.comparingLong(r -> Math.abs(r.tokens() - EARLY_TOKENS)))
          .orElse(base);
      sb.append(String.format(Locale.ROOT, "| %s | %,d | %s | %.3g | %.4f | %.4f | %+.4f (%,d) | %+.4f (%,d) | %+.4f | %+.4f | %,d | %d |%n",
          base.model(), base.modelParams(), base.domain(), base.ratio(), base.generalLoss(), base.domainLoss(), rise,
          peak.tokens(), early.domainLoss() - base.domainLoss(), early.tokens(), last.generalLoss() - base.generalLoss(), last.domainLoss() - base.domainLoss(), last.tokens(),
          rs.size()));
    }
    return sb.toString();
  }
}
