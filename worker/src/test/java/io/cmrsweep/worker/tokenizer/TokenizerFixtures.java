package io.cmrsweep.worker.tokenizer;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Tokenizer files the tests make themselves: a Hugging Face WordLevel {@code tokenizer.json} written from a word
 * list, and a SentencePiece model trained by Debian's {@code spm_train} (bin/setup installs it).
 */
public final class TokenizerFixtures {
  private TokenizerFixtures() {}

  /** WordLevel over whitespace-split words: [UNK]=0, </s>=1, then the words from id 2; {@code extraId} adds a token. */
  public static Path wordLevel(Path file, List<String> words, int extraId) {
    Map<String, Integer> vocab = new LinkedHashMap<>();
    vocab.put("[UNK]", 0);
    vocab.put("</s>", 1);
    for (String w : words) {
      vocab.putIfAbsent(w, vocab.size());
    }
    List<Map<String, Object>> added = new ArrayList<>();
    added.add(special(0, "[UNK]"));
    added.add(special(1, "</s>"));
    if (extraId > 0) {
      added.add(special(extraId, "<extra>"));
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("version", "1.0");
    json.put("truncation", null);
    json.put("padding", null);
    json.put("added_tokens", added);
    json.put("normalizer", null);
    json.put("pre_tokenizer", Map.of("type", "WhitespaceSplit"));
    json.put("post_processor", null);
    json.put("decoder", null);
    json.put("model", Map.of("type", "WordLevel", "vocab", vocab, "unk_token", "[UNK]"));
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, new GsonBuilder().serializeNulls().create().toJson(json));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  private static Map<String, Object> special(int id, String content) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("id", id);
    t.put("content", content);
    t.put("single_word", false);
    t.put("lstrip", false);
    t.put("rstrip", false);
    t.put("normalized", false);
    t.put("special", true);
    return t;
  }

  /** Trains a unigram SentencePiece model of {@code vocab} pieces on {@code text} with Debian's spm_train. */
  public static Path sentencePiece(Path dir, String text, int vocab) {
    Path input = dir.resolve("spm-input.txt");
    Path prefix = dir.resolve("spm");
    try {
      Files.createDirectories(dir);
      Files.writeString(input, text);
      run(dir, List.of(tool("spm_train"), "--input=" + input, "--model_prefix=" + prefix, "--vocab_size=" + vocab,
          "--model_type=unigram", "--character_coverage=1.0", "--minloglevel=2"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir.resolve("spm.model");
  }

  /** The ids python3-sentencepiece gives each line of {@code lines}, as JSON lists, one per line. */
  public static List<String> pythonSentencePieceIds(Path dir, Path model, List<String> lines) {
    Path input = dir.resolve("py-input.txt");
    try {
      Files.write(input, lines);
      String script = "import json, sentencepiece as s\n"
          + "sp = s.SentencePieceProcessor(model_file='" + model + "')\n"
          + "for line in open('" + input + "', encoding='utf-8').read().split('\\n')[:" + lines.size() + "]:\n"
          + "    print(json.dumps(sp.encode(line)))\n";
      return run(dir, List.of(debianPython(), "-c", script));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Debian's interpreter, where python3-sentencepiece is installed (a pyenv python3 on the PATH would lack it). */
  private static String debianPython() {
    if (!Files.isExecutable(Path.of("/usr/bin/python3"))) {
      throw new IllegalStateException("/usr/bin/python3 is not installed; run bin/setup");
    }
    return "/usr/bin/python3";
  }

  private static String tool(String name) {
    for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      if (Files.isExecutable(Path.of(d, name))) {
        return Path.of(d, name).toString();
      }
    }
    throw new IllegalStateException(name + " is not installed; run bin/setup (it installs Debian's sentencepiece"
        + " and python3-sentencepiece for the tokenizer tests)");
  }

  private static List<String> run(Path dir, List<String> command) throws IOException {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    try {
      List<String> out = new String(p.getInputStream().readAllBytes()).lines().toList();
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(command.get(0) + " failed: " + String.join("\n", out)
            + (out.stream().anyMatch(l -> l.contains("No module named")) ? "; run bin/setup" : ""));
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
