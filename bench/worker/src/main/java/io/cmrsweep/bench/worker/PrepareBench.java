package io.cmrsweep.bench.worker;

import io.cmrsweep.core.trial.CorpusFiles;
import io.cmrsweep.worker.corpus.DocumentFiles;
import io.cmrsweep.worker.corpus.Manifest;
import io.cmrsweep.worker.corpus.ShardPreparer;
import io.cmrsweep.worker.tokenizer.Tokenizer;
import io.cmrsweep.worker.tokenizer.Tokenizers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;

/**
 * Prepare throughput of one tokenizer: {@code PrepareBench <tokenizer: byte|file> <threads> <scratch dir>
 * <corpus glob> [sample text]} tokenizes the corpus into fresh shards (read, gunzip, parse, hash, tokenize, write)
 * and prints one JSON line with MB/s and tokens/s, in total and per thread. With a sample, it also prints the ids
 * of its first line, so the script can check them against python3-sentencepiece.
 */
public final class PrepareBench {
  private PrepareBench() {}

  public static void main(String[] args) throws IOException {
    System.setProperty("ai.djl.offline", "true");
    String tokenizerRef = args[0];
    int threads = Integer.parseInt(args[1]);
    Path scratch = Path.of(args[2]);
    CorpusFiles corpus = new CorpusFiles("bench", List.of(args[3]), "jsonl", "text");
    deleteTree(scratch);
    try (Tokenizer tokenizer = new Tokenizers("tokenizer").open(tokenizerRef)) {
      if (args.length > 4) {
        String first = Files.readAllLines(Path.of(args[4])).get(0);
        System.out.println("ids " + Arrays.toString(tokenizer.encode(first)).replace(" ", ""));
      }
      DocumentFiles files = new DocumentFiles(new Configuration());
      long rawBytes = files.list(corpus).stream().mapToLong(f -> f.size()).sum();
      long t0 = System.nanoTime();
      Manifest m = new ShardPreparer(scratch, files, threads).prepare(corpus, tokenizer).manifest();
      double seconds = (System.nanoTime() - t0) / 1e9;
      long textBytes = m.train().bytes() + m.valid().bytes();
      long tokens = m.train().tokens() + m.valid().tokens();
      System.out.println(String.format(Locale.ROOT, "{\"impl\":\"java\",\"tokenizer\":\"%s\",\"threads\":%d,"
          + "\"files\":%d,\"file_bytes\":%d,\"text_bytes\":%d,\"documents\":%d,\"tokens\":%d,\"seconds\":%.3f,"
          + "\"text_mb_per_s\":%.3f,\"tokens_per_s\":%.1f,\"text_mb_per_s_per_core\":%.3f,"
          + "\"tokens_per_s_per_core\":%.1f}", tokenizer.kind(), threads, m.files().size(), rawBytes, textBytes,
          m.train().documents() + m.valid().documents(), tokens, seconds, textBytes / 1e6 / seconds,
          tokens / seconds, textBytes / 1e6 / seconds / threads, tokens / seconds / threads));
    }
    deleteTree(scratch);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
