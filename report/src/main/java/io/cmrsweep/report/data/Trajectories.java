package io.cmrsweep.report.data;

import io.cmrsweep.core.loss.LossRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Averages loss records over seeds per (domain, model, ratio, tokens), for the report's charts. */
public final class Trajectories {

  private record Key(String domain, String model, double ratio) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = domain.compareTo(o.domain);
      c = c != 0 ? c : model.compareTo(o.model);
      return c != 0 ? c : Double.compare(ratio, o.ratio);
    }
  }

  public List<MeanTrajectory> of(List<LossRecord> records) {
    Map<Key, TreeMap<Long, double[]>> sums = new TreeMap<>();
    Map<Key, Integer> nonFinite = new TreeMap<>();
    for (LossRecord r : records) {
      Key k = new Key(r.domain(), r.model(), r.ratio());
      if (!r.finite()) {
        nonFinite.merge(k, 1, Integer::sum);
        sums.computeIfAbsent(k, x -> new TreeMap<>());
        continue;
      }
      double[] s = sums.computeIfAbsent(k, x -> new TreeMap<>()).computeIfAbsent(r.tokens(), t -> new double[6]);
      s[0] += r.generalLoss();
      s[1] += r.domainLoss();
      s[2]++;
      if (Double.isFinite(r.generalBitsPerByte()) && Double.isFinite(r.domainBitsPerByte())) {
        s[3] += r.generalBitsPerByte();
        s[4] += r.domainBitsPerByte();
        s[5]++;
      }
    }
    List<MeanTrajectory> out = new ArrayList<>();
    for (Map.Entry<Key, TreeMap<Long, double[]>> e : sums.entrySet()) {
      int n = e.getValue().size();
      double[] t = new double[n];
      double[] g = new double[n];
      double[] d = new double[n];
      double[] gb = new double[n];
      double[] db = new double[n];
      int i = 0;
      for (Map.Entry<Long, double[]> p : e.getValue().entrySet()) {
        t[i] = p.getKey();
        g[i] = p.getValue()[0] / p.getValue()[2];
        d[i] = p.getValue()[1] / p.getValue()[2];
        gb[i] = p.getValue()[5] == 0 ? Double.NaN : p.getValue()[3] / p.getValue()[5];
        db[i] = p.getValue()[5] == 0 ? Double.NaN : p.getValue()[4] / p.getValue()[5];
        i++;
      }
      Key k = e.getKey();
      out.add(new MeanTrajectory(k.domain(), k.model(), k.ratio(), t, g, d, gb, db, nonFinite.getOrDefault(k, 0)));
    }
    return out;
  }
}
