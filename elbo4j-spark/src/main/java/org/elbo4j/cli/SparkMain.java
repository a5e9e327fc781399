package org.elbo4j.cli;

/**
 * The entry point for {@code spark-submit --class org.elbo4j.cli.SparkMain elbo4j-spark.jar ARGS}:
 * runs {@code elbo4j spark ARGS}.
 */
public final class SparkMain {

    private SparkMain() {
    }

    public static void main(String[] args) {
        String[] all = new String[args.length + 1];
        all[0] = "spark";
        System.arraycopy(args, 0, all, 1, args.length);
        Main.main(all);
    }
}
