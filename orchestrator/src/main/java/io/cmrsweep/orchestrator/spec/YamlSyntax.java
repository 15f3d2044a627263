package io.cmrsweep.orchestrator.spec;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.exceptions.DuplicateKeyException;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Turns a YAML syntax error into a problem that names the field it sits in, found from the text's
 * indentation, so that a broken spec is reported like any other bad field.
 */
final class YamlSyntax {
  private static final Pattern KEY = Pattern.compile("^([A-Za-z0-9_.-]+)\\s*:(\\s|$)");

  private YamlSyntax() {}

  static String problem(String yaml, YamlEngineException e) {
    if (!(e instanceof MarkedYamlEngineException m)) {
      return "the spec is not valid YAML: " + e.getMessage().replace('\n', ' ') + "; fix the YAML syntax";
    }
    // A duplicate key is named where it repeats; any other error where the construct it breaks began.
    Optional<Mark> at = e instanceof DuplicateKeyException ? m.getProblemMark() : m.getContextMark().or(m::getProblemMark);
    String where = m.getProblemMark().map(YamlSyntax::position).orElse("");
    String what = (m.getContext() == null ? "" : m.getContext().trim() + ": ")
        + (m.getProblem() == null ? "" : m.getProblem().trim());
    String fix = e instanceof DuplicateKeyException ? "keep one of them" : "fix the YAML syntax there";
    return at.map(mark -> keyPathAt(yaml, mark.getLine())).filter(p -> !p.isEmpty())
        .map(path -> path + ": not valid YAML" + where + ": " + what + "; " + fix)
        .orElse("the spec is not valid YAML" + where + ": " + what + "; " + fix);
  }

  private static String position(Mark mark) {
    return " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
  }

  /** The dotted path of mapping keys enclosing 0-based {@code line}, read upwards by indentation. */
  static String keyPathAt(String yaml, int line) {
    String[] lines = yaml.split("\n", -1);
    String path = "";
    int limit = Integer.MAX_VALUE;
    for (int i = Math.min(line, lines.length - 1); i >= 0 && limit > 0; i--) {
      String text = lines[i];
      String trimmed = text.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      int indent = text.indexOf(trimmed.charAt(0));
      if (indent >= limit) {
        continue;
      }
      limit = indent;
      Matcher key = KEY.matcher(trimmed);
      if (key.find()) {
        path = path.isEmpty() ? key.group(1) : key.group(1) + "." + path;
      }
    }
    return path;
  }
}
