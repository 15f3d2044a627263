package io.cmrsweep.core.storage;

import java.util.Locale;
import java.util.Set;

/**
 * How a result reaches its final name on a file system. On POSIX file systems and HDFS a rename is atomic,
 * so a result is written to a hidden temporary and renamed into place. On object stores a rename is a copy
 * plus a delete (neither atomic nor cheap), while a new object becomes visible only when the stream that
 * creates it is closed: the final key is written once, from a complete copy of the bytes, and a reader
 * never sees part of it.
 */
public enum CommitProtocol {
  /** Write a hidden sibling, then rename it onto the final name. */
  RENAME,
  /** Write the final key in one upload, which the store publishes only when it completes. */
  WRITE_ONCE;

  /** Hadoop schemes of object stores: Amazon S3 and compatibles, Google Cloud Storage, Azure, Aliyun, Tencent, Huawei. */
  private static final Set<String> OBJECT_STORES = Set.of("s3a", "s3", "s3n", "gs", "abfs", "abfss", "wasb", "wasbs",
      "oss", "cosn", "obs");

  /** The protocol for a file system of {@code scheme} (null or empty: the local file system). */
  public static CommitProtocol forScheme(String scheme) {
    return scheme != null && isObjectStore(scheme) ? WRITE_ONCE : RENAME;
  }

  /** Whether {@code scheme} names an object store rather than a file system with directories and renames. */
  public static boolean isObjectStore(String scheme) {
    return scheme != null && OBJECT_STORES.contains(scheme.toLowerCase(Locale.ROOT));
  }
}
