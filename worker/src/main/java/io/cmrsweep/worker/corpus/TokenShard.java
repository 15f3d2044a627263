package io.cmrsweep.worker.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Token ids in a file, little-endian, 2 bytes each (unsigned) when the vocabulary fits, else 4, memory-mapped in
 * chunks of 1 GiB: the heap holds none of the corpus, so a multi-GB corpus trains with the heap of a small one.
 */
public final class TokenShard {
  private static final int CHUNK_BITS = 30;
  private static final long CHUNK_MASK = (1L << CHUNK_BITS) - 1;
  private final MappedByteBuffer[] chunks;
  private final int width;
  private final long length;

  private TokenShard(MappedByteBuffer[] chunks, int width, long length) {
    this.chunks = chunks;
    this.width = width;
    this.length = length;
  }

  /** Maps {@code file}, whose size the caller has checked to be {@code length * width}. */
  static TokenShard map(Path file, int width, long length) {
    long bytes = length * width;
    int n = (int) ((bytes + CHUNK_MASK) >>> CHUNK_BITS);
    MappedByteBuffer[] chunks = new MappedByteBuffer[n];
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      for (int c = 0; c < n; c++) {
        long start = (long) c << CHUNK_BITS;
        chunks[c] = ch.map(FileChannel.MapMode.READ_ONLY, start, Math.min(1L << CHUNK_BITS, bytes - start));
        chunks[c].order(ByteOrder.LITTLE_ENDIAN);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot map token shard " + file + ": " + e.getMessage(), e);
    }
    return new TokenShard(chunks, width, length);
  }

  public long length() {
    return length;
  }

  public int at(long i) {
    long offset = i * width;
    MappedByteBuffer chunk = chunks[(int) (offset >>> CHUNK_BITS)];
    int within = (int) (offset & CHUNK_MASK);
    return width == 2 ? Short.toUnsignedInt(chunk.getShort(within)) : chunk.getInt(within);
  }

  /** 2 when every id of a vocabulary of this size fits an unsigned short, else 4. */
  public static int widthFor(int vocabularySize) {
    return vocabularySize <= 65536 ? 2 : 4;
  }
}
