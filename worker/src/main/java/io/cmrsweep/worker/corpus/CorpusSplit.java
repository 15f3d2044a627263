package io.cmrsweep.worker.corpus;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits documents into training and held-out text by whole documents (no document straddles the split):
 * every {@code period}-th document, starting at {@code period - 1}, is held out. Deterministic, spreads
 * the held-out set over the corpus (Brown is ordered by genre), and never leaks a document's text.
 */
public record CorpusSplit(String train, String valid, int trainDocs, int validDocs) {

  public static CorpusSplit of(List<String> documents, int period) {
    if (period < 2) {
      throw new IllegalArgumentException("period=" + period + " must be >= 2");
    }
    if (documents.size() < period) {
      throw new IllegalArgumentException("need at least " + period + " documents to hold one out, got "
          + documents.size());
    }
    List<String> train = new ArrayList<>();
    List<String> valid = new ArrayList<>();
    for (int i = 0; i < documents.size(); i++) {
      (i % period == period - 1 ? valid : train).add(documents.get(i));
    }
    return new CorpusSplit(String.join("\n\n", train) + "\n", String.join("\n\n", valid) + "\n", train.size(),
        valid.size());
  }
}
