package io.cmrsweep.orchestrator.plan;

import io.cmrsweep.core.digest.Sha256;
import io.cmrsweep.core.trial.ModelShape;
import io.cmrsweep.core.trial.TrialKind;
import io.cmrsweep.orchestrator.spec.SweepSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Plans a sweep: one pretrain trial per model size, then one CPT trial per (size, domain, ratio, seed)
 * depending on its size's pretrain trial. A model that starts from an existing checkpoint ({@code from:}) has
 * no pretrain trial; its CPT trials depend on nothing and their ids digest the checkpoint's directory and shape.
 * An adaptive sweep with {@code adaptive.stopAt} also plans, per CPT cell, a run stopped at each share of
 * cpt.tokens (a candidate the planner may choose instead of the full run). A trial's id is a digest of
 * everything that determines its result (and of its base's id), so the same spec always yields the same ids and
 * changing a cell's settings gives it a new id. Execution settings (backend, parallelism, retries) are not part of it.
 */
public final class TrialGrid {

  public List<PlannedTrial> plan(SweepSpec spec) {
    List<PlannedTrial> trials = new ArrayList<>();
    List<PlannedTrial> cpt = new ArrayList<>();
    for (ModelShape model : spec.models()) {
      Optional<String> from = spec.baseCheckpoint(model.label());
      String baseId;
      String dependsOn;
      if (from.isPresent()) {
        baseId = "from-" + digest(fromContent(model, from.get()));
        dependsOn = "";
      } else {
        baseId = "pt-" + shorten(model.label()) + "-" + digest(pretrainContent(spec, model));
        dependsOn = baseId;
        trials.add(new PlannedTrial(baseId, TrialKind.PRETRAIN, model.label(), "", 0, spec.pretrain().seed(), ""));
      }
      List<Double> stops = spec.adaptive().map(a -> a.stopAt()).orElse(List.of());
      for (String domain : spec.corpora().domains()) {
        for (double ratio : spec.cpt().ratios()) {
          for (int seed : spec.seeds()) {
            String content = cptContent(spec, baseId, domain, ratio, seed);
            String name = "cpt-" + shorten(model.label()) + "-" + shorten(domain) + "-r" + ratioText(ratio) + "-s"
                + seed;
            cpt.add(new PlannedTrial(name + "-" + digest(content), TrialKind.CPT, model.label(), domain, ratio, seed,
                dependsOn));
            for (double share : stops) {
              // a run stopped early is another trial: its id digests the stop (the full run's id is unchanged)
              long stop = stopTokens(spec, share);
              cpt.add(new PlannedTrial(name + "-t" + ratioText(share) + "-" + digest(content + "|stop=" + stop),
                  TrialKind.CPT, model.label(), domain, ratio, seed, dependsOn, stop));
            }
          }
        }
      }
    }
    trials.addAll(cpt);
    return List.copyOf(trials);
  }

  /** The tokens at which a run stopped at {@code share} of cpt.tokens ends. */
  public static long stopTokens(SweepSpec spec, double share) {
    return Math.max(1, Math.round(share * spec.cpt().tokens()));
  }

  static String ratioText(double ratio) {
    return BigDecimal.valueOf(ratio).stripTrailingZeros().toPlainString();
  }

  private static String pretrainContent(SweepSpec spec, ModelShape m) {
    var p = spec.pretrain();
    return String.join("|", "pretrain", m.label(), str(m.dim()), str(m.layers()), str(m.heads()), str(m.ffnDim()),
        str(m.context()), str(m.vocab()), spec.corpora().dir(), spec.corpora().general(), str(p.tokens()),
        str(p.batchSize()), String.valueOf(p.peakLr()), str(p.warmupTokens()), str(p.seed()),
        str(spec.cpt().validationTokens())) + inputs(spec);
  }

  /** A tokenizer or file-backed corpora make other trials; built-in settings keep the ids sweeps always had. */
  private static String inputs(SweepSpec spec) {
    var c = spec.corpora();
    return c.builtIn() ? "" : "|" + c.tokenizer() + "|" + c.files();
  }

  /** A base that is an existing checkpoint: its directory and the shape its config gives. */
  private static String fromContent(ModelShape m, String dir) {
    return String.join("|", "from", dir, m.label(), str(m.dim()), str(m.layers()), str(m.heads()), str(m.kvHeads()),
        str(m.ffnDim()), str(m.context()), str(m.vocab()), String.valueOf(m.ropeTheta()), String.valueOf(m.normEps()),
        String.valueOf(m.untiedHead()));
  }

  private static String cptContent(SweepSpec spec, String baseId, String domain, double ratio, int seed) {
    var c = spec.cpt();
    return String.join("|", "cpt", baseId, domain, ratioText(ratio), str(seed), str(c.tokens()), c.evalTokens().toString(),
        str(c.batchSize()), String.valueOf(c.peakLr()), str(c.warmupTokens()), str(c.validationTokens()));
  }

  private static String str(long v) {
    return Long.toString(v);
  }

  private static String shorten(String name) {
    String s = name.length() > 24 ? name.substring(0, 24) : name;
    return s.toLowerCase(Locale.ROOT).replace("..", ".");
  }

  private static String digest(String content) {
    return Sha256.shortHex(content, 6);
  }
}
