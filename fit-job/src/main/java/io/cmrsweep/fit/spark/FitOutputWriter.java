package io.cmrsweep.fit.spark;

import io.cmrsweep.core.fit.FitOutputs;
import io.cmrsweep.core.fit.FitResults;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Writes the fit outputs (DESIGN 3.3) under the output URI through the core contract: {@code cmr},
 * {@code laws}, {@code curves} and {@code sensitivity}, each as one JSON file and one Parquet file, committed through Hadoop's
 * FileSystem with the session's configuration (so file://, hdfs:// and s3a:// alike). The rows are few
 * (one per group, law or curve point), so the driver writes them; a re-run replaces the previous outputs.
 */
final class FitOutputWriter {
  private final SparkSession spark;

  FitOutputWriter(SparkSession spark) {
    this.spark = spark;
  }

  void write(String output, FitResults results) {
    new FitOutputs(spark.sparkContext().hadoopConfiguration()).write(new Path(output), results);
  }
}
