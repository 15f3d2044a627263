package io.cmrsweep.worker.corpus;

/**
 * One input file of a corpus as listed through Hadoop FS: its URI, size, modification time, format and, for a
 * local file, {@code change}: its inode and status-change time (ctime), which changes with every write or
 * {@code touch} and which no user can set back (empty on other file systems, whose objects cannot be rewritten
 * without a new modification time).
 */
public record SourceFile(String uri, long size, long modified, String change, String format, boolean gzip) {
  public SourceFile {
    change = change == null ? "" : change;
  }
}
