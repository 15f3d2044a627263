package io.cmrsweep.worker.corpus;

/** One input file of a corpus as listed through Hadoop FS: its URI, size, modification time and format. */
public record SourceFile(String uri, long size, long modified, String format, boolean gzip) {}
