package io.cmrsweep.fit.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Opens the fit job's Spark session: Kryo with registration required, master from spark-submit or options. */
public final class FitJobCommandSession {
  private FitJobCommandSession() {}

  public static SparkSession open(FitJobOptions options) {
    return SparkSession.builder().config(conf(options)).getOrCreate();
  }

  /** Spark's own settings win; ours fill in what spark-submit left unset. */
  static SparkConf conf(FitJobOptions options) {
    SparkConf conf = new SparkConf();
    conf.setIfMissing("spark.master", options.master());
    conf.setIfMissing("spark.app.name", "cmr-fit");
    conf.set("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
    conf.set("spark.kryo.registrationRequired", "true");
    conf.set("spark.kryo.registrator", FitKryoRegistrator.class.getName());
    conf.setIfMissing("spark.ui.enabled", "false");
    conf.setIfMissing("spark.ui.showConsoleProgress", "false");
    conf.setIfMissing("spark.sql.shuffle.partitions", "8");
    return conf;
  }

}
