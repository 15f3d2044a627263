package io.cmrsweep.worker.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns one tagged Brown corpus file ({@code word/tag} tokens, paragraphs separated by blank lines) into
 * plain prose: tags dropped, {@code ``} and {@code ''} become double quotes, punctuation and clitics
 * re-attached, headline-only paragraphs ({@code -hl} tags) dropped.
 */
public final class BrownCleaner {
  private static final Set<String> ATTACH_LEFT = Set.of(".", ",", ";", ":", "!", "?", ")", "'s", "n't", "'re", "'ll",
      "'ve", "'d", "'m", "''", "'");
  private static final Set<String> ATTACH_RIGHT = Set.of("(", "``");

  /** One document: its paragraphs, one per line. */
  public String clean(String tagged) {
    List<String> paragraphs = new ArrayList<>();
    for (String block : tagged.split("\\n\\s*\\n")) {
      String p = paragraph(block);
      if (!p.isEmpty()) {
        paragraphs.add(p);
      }
    }
    return String.join("\n", paragraphs);
  }

  private static String paragraph(String block) {
    String[] tokens = block.trim().split("\\s+");
    StringBuilder sb = new StringBuilder();
    boolean allHeadline = true;
    boolean glueNext = true;
    for (String token : tokens) {
      if (token.isEmpty()) {
        continue;
      }
      int slash = token.lastIndexOf('/');
      String word = slash > 0 ? token.substring(0, slash) : token;
      String tag = slash > 0 ? token.substring(slash + 1) : "";
      if (!tag.endsWith("-hl")) {
        allHeadline = false;
      }
      boolean left = ATTACH_LEFT.contains(word);
      String out = word.equals("``") || word.equals("''") ? "\"" : word;
      if (!glueNext && !left) {
        sb.append(' ');
      }
      sb.append(out);
      glueNext = ATTACH_RIGHT.contains(word);
    }
    return allHeadline ? "" : sb.toString().trim();
  }
}
