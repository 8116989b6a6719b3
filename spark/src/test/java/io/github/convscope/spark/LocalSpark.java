package io.github.convscope.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** A local Spark context for one test class: loopback only, no UI, Java serialisation. */
final class LocalSpark {
    private LocalSpark() {
    }

    static JavaSparkContext start(String master, String name) {
        SparkConf conf = new SparkConf().setMaster(master).setAppName(name)
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false")
                .set("spark.sql.shuffle.partitions", "2")
                .set("spark.default.parallelism", "2");
        JavaSparkContext sc = new JavaSparkContext(conf);
        sc.setLogLevel("WARN");
        return sc;
    }
}
