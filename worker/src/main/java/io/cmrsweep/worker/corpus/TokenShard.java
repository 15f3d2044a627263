package io.cmrsweep.worker.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Token ids in a file, little-endian, 2 bytes each (unsigned) when the vocabulary fits, else 4, read in place
 * through positional reads of 8 KiB blocks kept in a small cache (64 blocks, direct-mapped): the heap holds none of
 * the corpus, and neither does the process's resident set. A memory map would: every page a training window
 * touches (and the neighbours the kernel maps around a fault) stays resident in the process until unmapped, so
 * the resident set of a trial grew with the corpus and with the steps trained (measured by bench/memory-bench.sh:
 * +60 MB on a 2.2 GB corpus after 128 steps). Read pages stay in the page cache, which the kernel reclaims.
 * Reads are serialised per shard (a trial reads each shard from one thread).
 */
public final class TokenShard {
  private static final int BLOCK_BITS = 13;
  private static final int BLOCK = 1 << BLOCK_BITS;
  private static final int SLOTS = 64;
  private final Path file;
  private final FileChannel channel;
  private final int width;
  private final long length;
  private final long bytes;
  private final long[] blockOf = new long[SLOTS];
  private final ByteBuffer[] blocks = new ByteBuffer[SLOTS];

  private TokenShard(Path file, FileChannel channel, int width, long length) {
    this.file = file;
    this.channel = channel;
    this.width = width;
    this.length = length;
    this.bytes = length * width;
    java.util.Arrays.fill(blockOf, -1);
  }

  /** Opens {@code file}, whose size the caller has checked to be {@code length * width}. */
  static TokenShard open(Path file, int width, long length) {
    try {
      // Held for the life of the trial process, as a memory map would be.
      return new TokenShard(file, FileChannel.open(file, StandardOpenOption.READ), width, length);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open token shard " + file + ": " + e.getMessage(), e);
    }
  }

  public long length() {
    return length;
  }

  public synchronized int at(long i) {
    long offset = i * width;
    ByteBuffer block = block(offset >>> BLOCK_BITS);
    int within = (int) (offset & (BLOCK - 1));
    // ids never straddle a block: widths 2 and 4 divide the block size
    return width == 2 ? Short.toUnsignedInt(block.getShort(within)) : block.getInt(within);
  }

  private ByteBuffer block(long index) {
    int slot = (int) (index % SLOTS);
    if (blockOf[slot] == index) {
      return blocks[slot];
    }
    ByteBuffer b = blocks[slot];
    if (b == null) {
      b = ByteBuffer.allocate(BLOCK).order(ByteOrder.LITTLE_ENDIAN);
      blocks[slot] = b;
    }
    long start = index << BLOCK_BITS;
    int size = (int) Math.min(BLOCK, bytes - start);
    b.clear().limit(size);
    try {
      while (b.hasRemaining()) {
        if (channel.read(b, start + b.position()) < 0) {
          throw new IOException("unexpected end of file at byte " + (start + b.position()) + " of " + bytes);
        }
      }
    } catch (IOException e) {
      blockOf[slot] = -1;
      throw new UncheckedIOException("cannot read token shard " + file + ": " + e.getMessage(), e);
    }
    b.clear();
    blockOf[slot] = index;
    return b;
  }

  /** 2 when every id of a vocabulary of this size fits an unsigned short, else 4. */
  public static int widthFor(int vocabularySize) {
    return vocabularySize <= 65536 ? 2 : 4;
  }
}
