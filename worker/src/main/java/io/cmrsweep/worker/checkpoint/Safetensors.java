package io.cmrsweep.worker.checkpoint;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The safetensors file format: an 8-byte little-endian header length N, N bytes of JSON
 * ({@code {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {...}}}), then the raw
 * little-endian row-major tensor bytes, offsets relative to the end of the header. Reads F32, F16 and BF16
 * tensors as fp32 through a memory map of just that tensor's bytes; writes F32. Every failure names the
 * file and, where there is one, the tensor.
 */
public final class Safetensors {
  private static final long MAX_HEADER = 100L << 20;

  private Safetensors() {}

  /** One tensor's entry in a header: its dtype, shape and absolute byte range in the file. */
  public record Entry(String name, String dtype, long[] shape, long begin, long end) {
    public long elements() {
      long n = 1;
      for (long d : shape) {
        n *= d;
      }
      return n;
    }

    public String shapeText() {
      return Arrays.toString(shape);
    }
  }

  /** The tensors of {@code file} by name, in header order; checks every entry's offsets against the file. */
  public static Map<String, Entry> header(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < 8) {
        throw bad(file, "is " + size + " bytes, shorter than the 8-byte header length");
      }
      ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      readFully(ch, len, 0);
      long n = len.flip().getLong();
      if (n <= 0 || n > MAX_HEADER || 8 + n > size) {
        throw bad(file, "declares a header of " + n + " bytes in a file of " + size + " bytes; the file is"
            + " truncated or not safetensors");
      }
      ByteBuffer json = ByteBuffer.allocate((int) n);
      readFully(ch, json, 8);
      JsonElement tree = JsonParser.parseString(new String(json.array(), StandardCharsets.UTF_8));
      if (tree == null || !tree.isJsonObject()) {
        throw bad(file, "has a header that is not a JSON object");
      }
      long dataStart = 8 + n;
      Map<String, Entry> out = new LinkedHashMap<>();
      for (Map.Entry<String, JsonElement> e : tree.getAsJsonObject().entrySet()) {
        if (e.getKey().equals("__metadata__")) {
          continue;
        }
        out.put(e.getKey(), entry(file, e.getKey(), e.getValue(), dataStart, size));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
      throw bad(file, "has a malformed header: " + e.getMessage());
    }
  }

  private static Entry entry(Path file, String name, JsonElement value, long dataStart, long size) {
    if (!value.isJsonObject()) {
      throw bad(file, "tensor " + name + " has no {dtype, shape, data_offsets} entry");
    }
    JsonObject o = value.getAsJsonObject();
    if (!o.has("dtype") || !o.has("shape") || !o.has("data_offsets")) {
      throw bad(file, "tensor " + name + " lacks dtype, shape or data_offsets");
    }
    String dtype = o.get("dtype").getAsString();
    long[] shape = new long[o.getAsJsonArray("shape").size()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = o.getAsJsonArray("shape").get(i).getAsLong();
    }
    long begin = o.getAsJsonArray("data_offsets").get(0).getAsLong();
    long end = o.getAsJsonArray("data_offsets").get(1).getAsLong();
    Entry entry = new Entry(name, dtype, shape, dataStart + begin, dataStart + end);
    int width = width(dtype);
    if (begin < 0 || end < begin || dataStart + end > size) {
      throw bad(file, "tensor " + name + " has data_offsets [" + begin + ", " + end + "] outside the file's "
          + (size - dataStart) + " data bytes; the file is truncated or corrupt");
    }
    if (width > 0 && end - begin != entry.elements() * width) {
      throw bad(file, "tensor " + name + " of dtype " + dtype + " and shape " + entry.shapeText() + " needs "
          + entry.elements() * width + " bytes but data_offsets span " + (end - begin));
    }
    return entry;
  }

  /** Bytes per element of a dtype this reader converts, 0 for any other dtype. */
  static int width(String dtype) {
    return switch (dtype) {
      case "F32" -> 4;
      case "F16", "BF16" -> 2;
      default -> 0;
    };
  }

  /** The tensor's values as fp32, row-major. */
  public static float[] readFloats(Path file, Entry entry) {
    if (width(entry.dtype()) == 0) {
      throw bad(file, "tensor " + entry.name() + " has dtype " + entry.dtype() + "; only F32, F16 and BF16 are read");
    }
    long n = entry.elements();
    if (n > Integer.MAX_VALUE) {
      throw bad(file, "tensor " + entry.name() + " has " + n + " elements, more than one array holds");
    }
    float[] out = new float[(int) n];
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, entry.begin(), entry.end() - entry.begin());
      map.order(ByteOrder.LITTLE_ENDIAN);
      switch (entry.dtype()) {
        case "F32" -> map.asFloatBuffer().get(out);
        case "BF16" -> {
          for (int i = 0; i < out.length; i++) {
            out[i] = Float.intBitsToFloat((map.getShort() & 0xffff) << 16);
          }
        }
        default -> {
          for (int i = 0; i < out.length; i++) {
            out[i] = halfToFloat(map.getShort() & 0xffff);
          }
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read tensor " + entry.name() + " from " + file + ": " + e.getMessage(), e);
    }
  }

  /** IEEE 754 binary16 to binary32, exactly (subnormals, infinities and NaN included). */
  static float halfToFloat(int h) {
    int sign = (h >>> 15) & 1;
    int exp = (h >>> 10) & 0x1f;
    int mant = h & 0x3ff;
    float v;
    if (exp == 0) {
      v = mant * 0x1p-24f;
    } else if (exp == 31) {
      v = mant == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
    } else {
      v = Float.intBitsToFloat(((exp - 15 + 127) << 23) | (mant << 13));
    }
    return sign == 1 ? -v : v;
  }

  /** A tensor to write: its shape and fp32 values, row-major. */
  public record Tensor(long[] shape, float[] values) {}

  /** Writes F32 {@code tensors} in map order, with {@code "format": "pt"} metadata as PyTorch tools expect. */
  public static void write(Path file, Map<String, Tensor> tensors) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("__metadata__", Map.of("format", "pt"));
    long offset = 0;
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      long bytes = 4L * e.getValue().values().length;
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("dtype", "F32");
      entry.put("shape", e.getValue().shape());
      entry.put("data_offsets", new long[] {offset, offset + bytes});
      header.put(e.getKey(), entry);
      offset += bytes;
    }
    byte[] json = new GsonBuilder().create().toJson(header).getBytes(StandardCharsets.UTF_8);
    int padded = (json.length + 7) / 8 * 8;
    byte[] headerBytes = Arrays.copyOf(json, padded);
    Arrays.fill(headerBytes, json.length, padded, (byte) ' ');
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
      out.write(headerBytes);
      for (Tensor t : tensors.values()) {
        ByteBuffer buf = ByteBuffer.allocate(4 * t.values().length).order(ByteOrder.LITTLE_ENDIAN);
        FloatBuffer floats = buf.asFloatBuffer();
        floats.put(t.values());
        out.write(buf.array());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
    long pos = position;
    while (buf.hasRemaining()) {
      int n = ch.read(buf, pos);
      if (n < 0) {
        throw new IOException("unexpected end of file");
      }
      pos += n;
    }
  }

  private static CheckpointException bad(Path file, String what) {
    return new CheckpointException(file + " " + what);
  }
}
