package io.cmrsweep.orchestrator.spec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The text of a spec file: refused unread when larger than {@link Limits#SPEC_BYTES} (nothing is parsed
 * or copied into storage), and decoded as strict UTF-8, pointing at the first byte that is not.
 */
final class SpecText {
  private SpecText() {}

  /** The file's text, or a {@link SpecException} for a file too large, unreadable or not UTF-8. */
  static String read(Path file) {
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > Limits.SPEC_BYTES) {
        throw new SpecException(file.toString(), List.of("the spec file is " + size + " bytes, more than the maximum"
            + " of " + Limits.SPEC_BYTES + " (1 MiB); a sweep spec is a few kilobytes: remove what was pasted into"
            + " it, or check that this is the spec file"));
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new SpecException(file.toString(), List.of("cannot read the spec file: " + e.getMessage()));
    }
    return utf8(bytes, file);
  }

  /** The text of a spec file, or a problem that points at the first byte that is not UTF-8. */
  private static String utf8(byte[] bytes, Path file) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int offset = in.position();
      int line = 1;
      for (int i = 0; i < offset; i++) {
        line += bytes[i] == '\n' ? 1 : 0;
      }
      String bad = offset < bytes.length ? String.format(" the byte 0x%02X", bytes[offset] & 0xff)
          : " an incomplete character";
      throw new SpecException(file.toString(), List.of("the spec file is not UTF-8 text: line " + line + " has" + bad
          + " that UTF-8 does not allow there (byte offset " + offset + "); save it as UTF-8, e.g. iconv -f latin1"
          + " -t utf-8 " + file + " > fixed.yaml"));
    }
    return out.flip().toString();
  }
}
