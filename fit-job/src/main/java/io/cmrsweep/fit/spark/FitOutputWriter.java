package io.cmrsweep.fit.spark;

import io.cmrsweep.core.storage.AtomicFiles;
import io.cmrsweep.fit.output.CmrRow;
import io.cmrsweep.fit.output.CurveRow;
import io.cmrsweep.fit.output.FitJson;
import io.cmrsweep.fit.output.LawRow;
import io.cmrsweep.fit.output.ResultRow;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Writes the fit outputs (DESIGN 3.3) under the output URI: {@code cmr}, {@code laws} and {@code curves},
 * each as a Parquet dataset written by Spark and as a JSON array written through Hadoop's FileSystem (so
 * both land on file://, hdfs:// or s3a:// alike). A re-run replaces the previous outputs.
 */
final class FitOutputWriter {
  private final SparkSession spark;

  FitOutputWriter(SparkSession spark) {
    this.spark = spark;
  }

  void write(String output, List<CmrRow> cmr, List<LawRow> laws, List<CurveRow> curves) {
    Path dir = new Path(output);
    parquet(dir, "cmr", cmr);
    parquet(dir, "laws", laws);
    parquet(dir, "curves", curves);
    json(dir, "cmr", cmr);
    json(dir, "laws", laws);
    json(dir, "curves", curves);
  }

  private void parquet(Path dir, String name, List<? extends ResultRow> rows) {
    if (rows.isEmpty()) {
      return;
    }
    List<Row> sparkRows = rows.stream().map(RecordRows::row).toList();
    spark.createDataFrame(sparkRows, RecordRows.schema(rows.get(0)))
        .coalesce(1)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(new Path(dir, name + ".parquet").toString());
  }

  private void json(Path dir, String name, List<? extends ResultRow> rows) {
    new AtomicFiles(spark.sparkContext().hadoopConfiguration())
        .replace(new Path(dir, name + ".json"), new FitJson().toJson(rows).getBytes(StandardCharsets.UTF_8));
  }
}
