package io.cmrsweep.worker.corpus;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * SPDX licence texts from {@code spdx-full.json} (id to {name, licenseText, ...}): line endings normalised,
 * identical texts (aliases such as GPL-3.0 and GPL-3.0-only) kept once, non-English texts dropped by a
 * stop-word share below {@value #MIN_STOPWORD_SHARE}. Ordered by licence id.
 */
public final class SpdxCleaner {
  static final double MIN_STOPWORD_SHARE = 0.12;
  private static final Set<String> STOPWORDS = Set.of("the", "of", "and", "to", "or", "any", "this", "in", "is",
      "you", "software");

  public List<String> clean(String spdxFullJson) {
    JsonObject root = JsonParser.parseString(spdxFullJson).getAsJsonObject();
    Map<String, String> byId = new TreeMap<>();
    for (Map.Entry<String, JsonElement> e : root.entrySet()) {
      JsonElement text = e.getValue().getAsJsonObject().get("licenseText");
      if (text != null && text.isJsonPrimitive()) {
        byId.put(e.getKey(), text.getAsString().replace("\r\n", "\n").replace('\r', '\n').strip());
      }
    }
    Set<String> unique = new LinkedHashSet<>(byId.values());
    List<String> out = new ArrayList<>();
    for (String text : unique) {
      if (!text.isEmpty() && english(text)) {
        out.add(text);
      }
    }
    return out;
  }

  static boolean english(String text) {
    String[] words = text.toLowerCase(Locale.ROOT).split("[^a-z]+");
    int n = 0;
    int stop = 0;
    for (String w : words) {
      if (!w.isEmpty()) {
        n++;
        if (STOPWORDS.contains(w)) {
          stop++;
        }
      }
    }
    return n > 0 && (double) stop / n >= MIN_STOPWORD_SHARE;
  }
}
