package io.github.convscope.examples;

import io.github.convscope.examples.lecture.LectureSettings;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The lecture program's settings, from its command line. {@code --quick} changes the defaults of the epochs and the
 * image size; values given explicitly always win.
 */
final class LectureOptions {
    static final String USAGE = String.join("\n",
            "Usage: Lecture [options]",
            "  --data DIR          a folder with train/ and validation/ class sub-folders",
            "  --dataset NAME      bundled (default: Fashion-MNIST T-shirts vs shirts, no network needed)",
            "                      or cats-and-dogs (downloads the lecture's archive, 65 MB, once)",
            "  --output DIR        where the pictures and index.html go (default: lecture-output)",
            "  --epochs N          epochs per model (default 15; 2 with --quick)",
            "  --batch-size N      images per batch (default 128)",
            "  --image-size N      images are resized to N x N (default 150; 48 with --quick)",
            "  --seed N            seed of every random choice (default 1)",
            "  --quick             a first look: fewer epochs, smaller images",
            "  --cache-dir DIR     dataset cache (default ~/.convscope/datasets)",
            "  --help              this text");

    /** The datasets the program knows by name. */
    enum Dataset { BUNDLED, CATS_AND_DOGS }

    Path data;
    Dataset dataset = Dataset.BUNDLED;
    Path output = Path.of("lecture-output");
    Integer epochs;
    int batchSize = LectureSettings.BATCH_SIZE;
    Integer imageSize;
    long seed = 1;
    boolean quick;
    Path cacheDir;
    boolean help;

    private LectureOptions() {
    }

    /** Parses the command line; an unknown option or a bad value is an IllegalArgumentException saying why. */
    static LectureOptions parse(String... args) {
        LectureOptions o = new LectureOptions();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--data" -> o.data = Path.of(value(args, ++i, arg));
                case "--dataset" -> o.dataset = dataset(value(args, ++i, arg));
                case "--output" -> o.output = Path.of(value(args, ++i, arg));
                case "--epochs" -> o.epochs = positive(args, ++i, arg, 1000);
                case "--batch-size" -> o.batchSize = positive(args, ++i, arg, 4096);
                case "--image-size" -> o.imageSize = positive(args, ++i, arg, 1024);
                case "--seed" -> o.seed = number(args, ++i, arg);
                case "--quick" -> o.quick = true;
                case "--cache-dir" -> o.cacheDir = Path.of(value(args, ++i, arg));
                case "--help", "-h" -> o.help = true;
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'\n" + USAGE);
            }
        }
        if (o.imageSize() < 16) {
            throw new IllegalArgumentException("--image-size must be at least 16 (three 2x2 poolings), got "
                    + o.imageSize());
        }
        return o;
    }

    /** Epochs per model. */
    int epochs() {
        return epochs != null ? epochs : quick ? 2 : LectureSettings.EPOCHS;
    }

    /** Height and width images are resized to. */
    int imageSize() {
        return imageSize != null ? imageSize : quick ? 48 : LectureSettings.IMAGE_SIZE;
    }

    private static Dataset dataset(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "bundled" -> Dataset.BUNDLED;
            case "cats-and-dogs" -> Dataset.CATS_AND_DOGS;
            default -> throw new IllegalArgumentException("--dataset must be 'bundled' or 'cats-and-dogs', got '"
                    + name + "'");
        };
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args[i];
    }

    private static long number(String[] args, int i, String option) {
        String text = value(args, i, option);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number, got '" + text + "'");
        }
    }

    private static int positive(String[] args, int i, String option, int max) {
        long n = number(args, i, option);
        if (n < 1 || n > max) {
            throw new IllegalArgumentException(option + " must be between 1 and " + max + ", got " + n);
        }
        return (int) n;
    }
}
