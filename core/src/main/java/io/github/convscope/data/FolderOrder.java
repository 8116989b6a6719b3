package io.github.convscope.data;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Keras 1.1.0's rules for ordering a class-per-folder tree, for readers that walk a file system other than the
 * local one (a Hadoop path, an object store) and must still agree with {@link DirectoryIterator} file for file.
 * These are the rules {@code DirectoryIterator} itself uses.
 *
 * <pre>{@code
 * List<String> classes = new ArrayList<>(subfolderNames);
 * classes.sort(FolderOrder.codePointOrder());                   // class indices
 * List<String> files = FolderOrder.validFiles(namesByRoot);     // one class's files, in Keras's order
 * int[] range = FolderOrder.subsetRange(files.size(), Subset.TRAINING, 0.2);
 * }</pre>
 */
public final class FolderOrder {
    private FolderOrder() {
    }

    /** Python's order of {@code str}: by Unicode code point (not by UTF-16 unit, which differs above U+FFFF). */
    public static Comparator<String> codePointOrder() {
        return FolderListing.CODE_POINT_ORDER;
    }

    /** Whether Keras lists a file of this name: its lower case ends with png, jpg, jpeg, bmp, ppm, tif or tiff. */
    public static boolean isImageName(String name) {
        return FolderListing.hasAllowedExtension(name);
    }

    /**
     * One class folder's files in Keras's order ({@code _iter_valid_files}), from a walk already done:
     * {@code namesByRoot} maps each folder reached, relative to the class folder ("" for the class folder itself,
     * deeper ones "/"-joined), to the names of the files in it. Returns "/"-joined paths relative to the class folder.
     */
    public static List<String> validFiles(Map<String, ? extends Collection<String>> namesByRoot) {
        return FolderListing.orderValidFiles(namesByRoot);
    }

    /**
     * The {@code [start, stop)} range of one class's {@code files} (in Keras's order) that {@code subset} keeps at
     * {@code validationSplit}: validation is the first {@code int(split * files)}, training the rest, null all.
     */
    public static int[] subsetRange(int files, Subset subset, double validationSplit) {
        return FolderListing.subsetRange(files, subset, validationSplit);
    }
}
