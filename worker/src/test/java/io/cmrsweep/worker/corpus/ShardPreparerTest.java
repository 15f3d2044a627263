package io.cmrsweep.worker.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cmrsweep.core.trial.CorpusFiles;
import io.cmrsweep.worker.tokenizer.ByteTokenizer;
import io.cmrsweep.worker.train.TokenText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardPreparerTest {
  @TempDir
  Path dir;

  private final ByteTokenizer bytes = new ByteTokenizer();

  private ShardPreparer preparer(int threads) {
    return new ShardPreparer(dir.resolve("prepared"), new DocumentFiles(new Configuration()), threads);
  }

  private static String decode(TokenText text) {
    byte[] b = new byte[(int) text.length()];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) text.at(i);
    }
    return new String(b, StandardCharsets.UTF_8);
  }

  private static CorpusFiles corpus(String name, String... files) {
    return new CorpusFiles(name, List.of(files), "auto", "body");
  }

  @Test
  void jsonlGzipParquetAndTextFilesGiveEveryDocumentOnceSplitByContentHash() {
    List<String> a = CorpusInputs.documents(80, 1);
    List<String> b = CorpusInputs.documents(80, 2);
    List<String> c = CorpusInputs.documents(80, 3);
    CorpusInputs.jsonl(dir.resolve("in/a.jsonl.gz"), a, "body", true);
    CorpusInputs.parquet(dir.resolve("in/b.parquet"), b, "body");
    CorpusInputs.text(dir.resolve("in/c.txt"), c);

    PreparedCorpus p = preparer(2).prepare(corpus("mine", dir.resolve("in") + "/*"), bytes);

    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    all.addAll(c);
    String train = decode(p.train());
    String valid = decode(p.valid());
    for (String doc : all) {
      boolean held = ShardPreparer.heldOut(doc.getBytes(StandardCharsets.UTF_8));
      assertThat(held ? valid : train).as(doc).contains(doc + "\n\n");
      assertThat(held ? train : valid).as(doc).doesNotContain(doc + "\n\n");
    }
    Manifest m = p.manifest();
    assertThat(m.files()).hasSize(3).allSatisfy(f -> assertThat(f.sha256()).hasSize(64));
    assertThat(m.train().documents() + m.valid().documents()).isEqualTo(240);
    assertThat(m.valid().documents()).isBetween(10L, 40L);
    assertThat(m.bytesPerId()).isEqualTo(2);
    assertThat(m.train().tokens()).isEqualTo(train.getBytes(StandardCharsets.UTF_8).length);
    assertThat(p.valid().bytesOfPrefix(p.valid().length())).isEqualTo((double) m.valid().bytes());
  }

  @Test
  void anUnchangedCorpusIsFoundAgainAndAChangedOneIsPreparedAnew() throws IOException {
    Path file = CorpusInputs.jsonl(dir.resolve("in/a.jsonl"), CorpusInputs.documents(100, 1), "body", false);
    PreparedCorpus first = preparer(1).prepare(corpus("mine", file.toString()), bytes);
    var written = Files.getLastModifiedTime(first.dir().resolve("manifest.json"));

    PreparedCorpus again = preparer(1).prepare(corpus("mine", file.toString()), bytes);
    assertThat(again.dir()).isEqualTo(first.dir());
    assertThat(Files.getLastModifiedTime(again.dir().resolve("manifest.json"))).isEqualTo(written);

    Files.writeString(file, "{\"body\": \"one more document.\"}\n", StandardOpenOption.APPEND);
    PreparedCorpus changed = preparer(1).prepare(corpus("mine", file.toString()), bytes);
    assertThat(changed.dir()).isNotEqualTo(first.dir());
    assertThat(changed.manifest().train().documents() + changed.manifest().valid().documents()).isEqualTo(101);
  }

  @Test
  void addingAFileKeepsEveryHeldOutDocumentHeldOut() {
    Path a = CorpusInputs.jsonl(dir.resolve("in/a.jsonl"), CorpusInputs.documents(150, 1), "body", false);
    String before = decode(preparer(1).prepare(corpus("mine", a.toString()), bytes).valid());
    CorpusInputs.jsonl(dir.resolve("in/b.jsonl"), CorpusInputs.documents(150, 2), "body", false);

    String after = decode(preparer(1).prepare(corpus("mine", dir.resolve("in") + "/*.jsonl"), bytes).valid());

    assertThat(after).startsWith(before);
    assertThat(after.length()).isGreaterThan(before.length());
  }

  @Test
  void touchingAFileWithoutChangingItsContentDoesNotPrepareAgain() throws IOException {
    Path file = CorpusInputs.jsonl(dir.resolve("in/a.jsonl"), CorpusInputs.documents(100, 1), "body", false);
    PreparedCorpus first = preparer(1).prepare(corpus("mine", file.toString()), bytes);
    var written = Files.getLastModifiedTime(first.dir().resolve("manifest.json"));
    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(
        Files.getLastModifiedTime(file).toMillis() + 3_600_000));

    PreparedCorpus again = preparer(1).prepare(corpus("mine", file.toString()), bytes);

    assertThat(again.dir()).isEqualTo(first.dir());
    assertThat(Files.getLastModifiedTime(again.dir().resolve("manifest.json"))).isEqualTo(written);
    try (Stream<Path> prepared = Files.list(dir.resolve("prepared"))) {
      assertThat(prepared.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")))
          .containsExactly(first.dir().getFileName().toString());
    }
  }

  @Test
  void changingContentWithTheSameSizeAndARestoredModificationTimePreparesAgain() throws IOException {
    List<String> docs = CorpusInputs.documents(100, 1);
    Path file = CorpusInputs.jsonl(dir.resolve("in/a.jsonl"), docs, "body", false);
    PreparedCorpus first = preparer(1).prepare(corpus("mine", file.toString()), bytes);
    var modified = Files.getLastModifiedTime(file);
    byte[] content = Files.readAllBytes(file);
    int at = new String(content, StandardCharsets.UTF_8).indexOf(docs.get(0).substring(0, 12));
    assertThat(at).isNotNegative();
    content[at] = (byte) (content[at] == 'Q' ? 'R' : 'Q');
    Files.write(file, content);
    Files.setLastModifiedTime(file, modified);
    assertThat(Files.size(file)).isEqualTo(first.manifest().files().get(0).size());

    PreparedCorpus changed = preparer(1).prepare(corpus("mine", file.toString()), bytes);

    assertThat(changed.dir()).isNotEqualTo(first.dir());
    assertThat(changed.manifest().files().get(0).sha256()).isNotEqualTo(first.manifest().files().get(0).sha256())
        .isEqualTo(io.cmrsweep.core.digest.Sha256.hex(content));
    assertThat(decode(changed.train()) + decode(changed.valid())).contains((char) content[at] + docs.get(0).substring(1));
  }

  @Test
  void aFileCopiedElsewhereWithTheSameContentIsTheSamePreparation() throws IOException {
    Path file = CorpusInputs.jsonl(dir.resolve("in/a.jsonl"), CorpusInputs.documents(100, 1), "body", false);
    PreparedCorpus first = preparer(1).prepare(corpus("mine", file.toString()), bytes);
    Path copy = Files.createDirectories(dir.resolve("moved")).resolve("a.jsonl");
    Files.copy(file, copy);

    assertThat(preparer(1).prepare(corpus("mine", copy.toString()), bytes).dir()).isEqualTo(first.dir());
  }

  /** Bytes, but the run "dies" (throws) at the given document: what a kill leaves behind, minus the kill. */
  private static final class DyingTokenizer implements io.cmrsweep.worker.tokenizer.Tokenizer {
    private final ByteTokenizer bytes = new ByteTokenizer();
    private final java.util.concurrent.atomic.AtomicInteger left;

    DyingTokenizer(int documents) {
      this.left = new java.util.concurrent.atomic.AtomicInteger(documents);
    }

    @Override
    public int[] encode(String text) {
      if (left.decrementAndGet() < 0) {
        throw new IllegalStateException("killed");
      }
      return bytes.encode(text);
    }

    @Override
    public String kind() {
      return bytes.kind();
    }

    @Override
    public String sha256() {
      return bytes.sha256();
    }

    @Override
    public int vocabularySize() {
      return bytes.vocabularySize();
    }

    @Override
    public int[] documentSeparator() {
      return bytes.documentSeparator();
    }

    @Override
    public int documentSeparatorBytes() {
      return bytes.documentSeparatorBytes();
    }

    @Override
    public String decode(int[] ids) {
      return bytes.decode(ids);
    }

    @Override
    public void close() {}
  }

  @Test
  void aPreparationStoppedAfterSomePartsResumesAndMatchesAnUninterruptedOne() throws IOException {
    for (int i = 0; i < 3; i++) {
      CorpusInputs.jsonl(dir.resolve("in/f" + i + ".jsonl"), CorpusInputs.documents(60, i), "body", false);
    }
    CorpusFiles c = corpus("mine", dir.resolve("in") + "/*.jsonl");
    PreparedCorpus clean = new ShardPreparer(dir.resolve("clean"), new DocumentFiles(new Configuration()), 1)
        .prepare(c, bytes);
    // the run dies in the middle of the last file ...
    assertThatThrownBy(() -> preparer(1).prepare(c, new DyingTokenizer(150))).hasMessageContaining("killed");
    Path partial;
    try (Stream<Path> left = Files.list(dir.resolve("prepared"))) {
      partial = left.filter(p -> p.getFileName().toString().endsWith(".partial")).findFirst().orElseThrow();
    }
    assertThat(partial.resolve("part-00000.json")).isRegularFile();
    assertThat(partial.resolve("part-00001.json")).isRegularFile();
    assertThat(partial.resolve("part-00002.json")).doesNotExist();
    assertThat(partial.resolve("manifest.json")).doesNotExist();
    // ... and the next one picks up the finished parts and completes (it could not tokenize 120 documents again)

    PreparedCorpus resumed = preparer(1).prepare(c, new DyingTokenizer(60));

    assertThat(resumed.dir().getFileName()).isEqualTo(clean.dir().getFileName());
    for (String shard : List.of("train.ids", "valid.ids", "valid.docs")) {
      assertThat(Files.readAllBytes(resumed.dir().resolve(shard))).as(shard)
          .isEqualTo(Files.readAllBytes(clean.dir().resolve(shard)));
    }
    assertThat(partial).doesNotExist();
    try (Stream<Path> inside = Files.list(resumed.dir())) {
      assertThat(inside.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("manifest.json", "train.ids", "valid.ids", "valid.docs");
    }
  }

  @Test
  void aFinishedPreparationRemovesTheCorpusesAbandonedPartialOnesButNotOnesInProgressOrOfOtherCorpora()
      throws IOException {
    Path root = dir.resolve("prepared");
    Path abandoned = Files.createDirectories(root.resolve(".mine-0123456789abcdef.partial"));
    Files.writeString(abandoned.resolve("part-00000.json"), "{}");
    Path inProgress = Files.createDirectories(root.resolve(".mine-fedcba9876543210.partial"));
    Path otherCorpus = Files.createDirectories(root.resolve(".mine-v2-0123456789abcdef.partial"));
    Path file = CorpusInputs.jsonl(dir.resolve("in/a.jsonl"), CorpusInputs.documents(100, 1), "body", false);
    try (var channel = java.nio.channels.FileChannel.open(root.resolve(".mine-fedcba9876543210.lock"),
        StandardOpenOption.CREATE, StandardOpenOption.WRITE); var held = channel.lock()) {

      preparer(1).prepare(corpus("mine", file.toString()), bytes);

      assertThat(abandoned).doesNotExist();
      assertThat(inProgress).isDirectory();
      assertThat(otherCorpus).isDirectory();
    }
  }

  @Test
  void aDirectoryWithoutItsManifestIsNeverRead() throws IOException {
    Path file = CorpusInputs.jsonl(dir.resolve("in/a.jsonl"), CorpusInputs.documents(100, 1), "body", false);
    PreparedCorpus p = preparer(1).prepare(corpus("mine", file.toString()), bytes);
    Files.delete(p.dir().resolve("manifest.json"));
    Files.write(p.dir().resolve("train.ids"), new byte[] {1, 2});

    PreparedCorpus again = preparer(1).prepare(corpus("mine", file.toString()), bytes);

    assertThat(again.train().length()).isEqualTo(again.manifest().train().tokens()).isGreaterThan(1000);
  }

  @Test
  void aTruncatedShardIsBadInputNamingTheFile() throws IOException {
    Path file = CorpusInputs.jsonl(dir.resolve("in/a.jsonl"), CorpusInputs.documents(100, 1), "body", false);
    PreparedCorpus p = preparer(1).prepare(corpus("mine", file.toString()), bytes);
    Path shard = p.dir().resolve("valid.ids");
    byte[] b = Files.readAllBytes(shard);
    Files.write(shard, java.util.Arrays.copyOf(b, b.length - 2));

    assertThatThrownBy(() -> PreparedCorpus.open(p.dir())).isInstanceOf(BadInputException.class)
        .hasMessageContaining(shard.toString()).hasMessageContaining("has " + (b.length - 2) + " bytes");
  }

  @Test
  void aCorruptManifestIsBadInputNamingTheFile() throws IOException {
    Path file = CorpusInputs.jsonl(dir.resolve("in/a.jsonl"), CorpusInputs.documents(100, 1), "body", false);
    PreparedCorpus p = preparer(1).prepare(corpus("mine", file.toString()), bytes);
    Files.writeString(p.dir().resolve("manifest.json"), "{\"format\": \"cmr-token-shards/1\", \"train\": [");

    assertThatThrownBy(() -> preparer(1).prepare(corpus("mine", file.toString()), bytes))
        .isInstanceOf(BadInputException.class).hasMessageContaining(p.dir().resolve("manifest.json").toString());
  }

  @Test
  void aJsonlLineWithoutTheFieldNamesTheFileTheLineAndTheField() throws IOException {
    Path file = CorpusInputs.jsonl(dir.resolve("in/a.jsonl"), CorpusInputs.documents(20, 1), "body", false);
    Files.writeString(file, "{\"text\": \"wrong key\"}\n", StandardOpenOption.APPEND);

    assertThatThrownBy(() -> preparer(1).prepare(corpus("mine", file.toString()), bytes))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining(file.getFileName() + " line 21 has no string field 'body'");
    assertThat(dir.resolve("prepared")).isDirectoryNotContaining(p -> !p.getFileName().toString().startsWith("."));
  }

  @Test
  void aParquetFileWithoutTheColumnNamesTheFileAndTheColumn() {
    Path file = CorpusInputs.parquet(dir.resolve("in/b.parquet"), CorpusInputs.documents(20, 1), "content");

    assertThatThrownBy(() -> preparer(1).prepare(corpus("mine", file.toString()), bytes))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("b.parquet has no column 'body'").hasMessageContaining("content");
  }

  @Test
  void missingAndEmptyFilesAreBadInputNamingThem() throws IOException {
    assertThatThrownBy(() -> preparer(1).prepare(corpus("mine", dir.resolve("nowhere/*.jsonl").toString()), bytes))
        .isInstanceOf(BadInputException.class).hasMessageContaining("files[0]=" + dir.resolve("nowhere/*.jsonl"))
        .hasMessageContaining("matches no file");
    Path empty = Files.createDirectories(dir.resolve("in")).resolve("empty.jsonl");
    Files.createFile(empty);
    assertThatThrownBy(() -> preparer(1).prepare(corpus("mine", empty.toString()), bytes))
        .isInstanceOf(BadInputException.class).hasMessageContaining("empty.jsonl is empty");
  }

  @Test
  void aCorpusTooSmallToHoldADocumentOutIsBadInput() {
    Path file = CorpusInputs.jsonl(dir.resolve("in/a.jsonl"), CorpusInputs.documents(1, 1), "body", false);

    assertThatThrownBy(() -> preparer(1).prepare(corpus("mine", file.toString()), bytes))
        .isInstanceOf(BadInputException.class).hasMessageContaining("corpus mine has").hasMessageContaining("held-out");
  }

  @Test
  void aVocabularyBeyond65536IdsIsStoredInFourBytesAndReadBackExactly() {
    List<String> words = java.util.stream.IntStream.range(0, 70_000).mapToObj(i -> "w" + i).toList();
    Path tokenizerFile = io.cmrsweep.worker.tokenizer.TokenizerFixtures.wordLevel(dir.resolve("tok/tokenizer.json"),
        words, 0);
    java.util.SplittableRandom rng = new java.util.SplittableRandom(4);
    List<String> docs = new ArrayList<>();
    for (int d = 0; d < 100; d++) {
      StringBuilder sb = new StringBuilder("w" + d);
      for (int i = 0; i < 30; i++) {
        sb.append(" w").append(rng.nextInt(70_000));
      }
      docs.add(sb.toString());
    }
    Path file = CorpusInputs.jsonl(dir.resolve("in/a.jsonl"), docs, "body", false);
    try (var tokenizer = new io.cmrsweep.worker.tokenizer.Tokenizers("data.tokenizer").open(tokenizerFile.toString())) {
      PreparedCorpus p = preparer(1).prepare(corpus("mine", file.toString()), tokenizer);

      assertThat(p.manifest().bytesPerId()).isEqualTo(4);
      assertThat(p.manifest().tokenizer().vocabularySize()).isEqualTo(70_002);
      List<Integer> expected = new ArrayList<>();
      for (String d : docs) {
        if (!ShardPreparer.heldOut(d.getBytes(StandardCharsets.UTF_8))) {
          for (int id : tokenizer.encode(d)) {
            expected.add(id);
          }
          expected.add(1);
        }
      }
      List<Integer> read = new ArrayList<>();
      for (long i = 0; i < p.train().length(); i++) {
        read.add(p.train().at(i));
      }
      assertThat(read).isEqualTo(expected).anyMatch(id -> id > 65_535);
    }
  }

  @Test
  void heldOutIsAboutOneDocumentInTen() {
    Set<Boolean> seen = new HashSet<>();
    int held = 0;
    for (String d : CorpusInputs.documents(2000, 9)) {
      boolean h = ShardPreparer.heldOut(d.getBytes(StandardCharsets.UTF_8));
      seen.add(h);
      held += h ? 1 : 0;
    }
    assertThat(held).isBetween(160, 240);
  }
}
