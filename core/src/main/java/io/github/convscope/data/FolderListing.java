package io.github.convscope.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classes and image files of a class-per-folder tree, found and ordered exactly as Keras 1.1.0 does. The files
 * are kept as the {@link Path}s the directory listing gave, never rebuilt from their names, so names that are not
 * valid in the locale's charset (non-UTF-8 bytes, or any non-ASCII name under {@code LANG=C}) load as Keras loads them.
 */
final class FolderListing {
    private static final Logger LOG = LoggerFactory.getLogger(FolderListing.class);

    /** Keras's {@code white_list_formats}; a name matches when its lower case ends with one (no dot check). */
    private static final String[] EXTENSIONS = {"png", "jpg", "jpeg", "bmp", "ppm", "tif", "tiff"};

    /** Python sorts str by code point; String.compareTo compares UTF-16 units, which differs above U+FFFF. */
    static final Comparator<String> CODE_POINT_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    };

    final List<String> classNames;
    final List<String> filenames;
    final List<Path> filepaths;
    final int[] classes;
    /** Class folders that exist but hold no sub-folder (Keras would find no class in them). */
    final boolean noClassFolders;

    private FolderListing(List<String> classNames, List<String> filenames, List<Path> filepaths, int[] classes,
            boolean noClassFolders) {
        this.classNames = classNames;
        this.filenames = filenames;
        this.filepaths = filepaths;
        this.classes = classes;
        this.noClassFolders = noClassFolders;
    }

    /**
     * Lists {@code directory}. {@code explicitClasses} null means every sub-folder, sorted; {@code subset} null means
     * all files, otherwise the per-class split at {@code split}.
     */
    static FolderListing scan(Path directory, List<String> explicitClasses, boolean followLinks, Subset subset,
            double split) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("directory " + directory + " does not exist or is not a folder");
        }
        if (!Files.isReadable(directory)) {
            throw new IllegalArgumentException("directory " + directory + " is not readable");
        }
        Map<String, Path> folders = listClasses(directory);
        List<String> classNames = explicitClasses != null ? List.copyOf(explicitClasses) : List.copyOf(folders.keySet());
        List<String> filenames = new ArrayList<>();
        List<Path> filepaths = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int k = 0; k < classNames.size(); k++) {
            String name = classNames.get(k);
            Path classDir = folders.containsKey(name) ? folders.get(name) : explicitFolder(directory, name);
            List<NamedPath> files = classDir == null ? List.of() : listValidFiles(classDir, followLinks);
            int[] range = subsetRange(files.size(), subset, split);
            for (NamedPath file : files.subList(range[0], range[1])) {
                filenames.add(name + "/" + file.name);
                filepaths.add(file.path);
                labels.add(k);
            }
        }
        int[] classes = labels.stream().mapToInt(Integer::intValue).toArray();
        return new FolderListing(classNames, List.copyOf(filenames), List.copyOf(filepaths), classes,
                folders.isEmpty());
    }

    // a class given by name that is not a listed sub-folder (Keras joins it, so "a/b" reaches a nested folder)
    private static Path explicitFolder(Path directory, String name) {
        try {
            return directory.resolve(name);
        } catch (InvalidPathException e) {
            return null; // not a name this locale can spell, and no listed folder has it: an empty class, as in Keras
        }
    }

    /**
     * Keras: sorted(os.listdir(directory)) keeping entries that are folders (symbolic links followed, hidden kept).
     * Names as Python decodes them, in order, each with the folder's path as listed.
     */
    private static Map<String, Path> listClasses(Path directory) {
        List<NamedPath> folders = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                if (Files.isDirectory(entry)) {
                    folders.add(new NamedPath(FileNames.pythonName(entry), entry));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list directory " + directory, e);
        }
        folders.sort((a, b) -> CODE_POINT_ORDER.compare(a.name, b.name));
        Map<String, Path> byName = new LinkedHashMap<>();
        for (NamedPath folder : folders) {
            byName.put(folder.name, folder.path);
        }
        return byName;
    }

    /**
     * Keras's {@code _iter_valid_files}: os.walk roots sorted by path string, names sorted within each root, kept
     * when the lower-cased name ends with an allowed extension. Returns each file's name relative to
     * {@code classDir} ('/'-joined) with its path.
     */
    private static List<NamedPath> listValidFiles(Path classDir, boolean followLinks) {
        List<Root> roots = new ArrayList<>();
        if (Files.isDirectory(classDir)) {
            walk(classDir, "", followLinks, new HashSet<>(), roots);
        }
        // the root itself is "" and every other root is "/"-joined below it, so this is Python's sort of root paths
        roots.sort((a, b) -> CODE_POINT_ORDER.compare(a.relative, b.relative));
        List<NamedPath> result = new ArrayList<>();
        for (Root root : roots) {
            root.files.sort((a, b) -> CODE_POINT_ORDER.compare(a.name, b.name));
            for (NamedPath file : root.files) {
                if (hasAllowedExtension(file.name)) {
                    String name = root.relative.isEmpty() ? file.name : root.relative + "/" + file.name;
                    result.add(new NamedPath(name, file.path));
                }
            }
        }
        return result;
    }

    static boolean hasAllowedExtension(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String extension : EXTENSIONS) {
            if (lower.endsWith(extension)) {
                return true;
            }
        }
        return false;
    }

    private static void walk(Path dir, String relative, boolean followLinks, Set<Path> ancestors, List<Root> roots) {
        Path real;
        try {
            real = dir.toRealPath();
        } catch (IOException e) {
            LOG.warn("Cannot resolve folder {}, skipped: {}", dir, e.toString());
            return;
        }
        if (!ancestors.add(real)) {
            LOG.warn("Folder {} links back to one of its parents; not walked again", dir);
            return;
        }
        Root root = new Root(relative);
        List<Path> subdirs = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                // os.walk: an entry is a folder when it is one after following links; everything else is a file
                if (Files.isDirectory(entry)) {
                    if (followLinks || !Files.isSymbolicLink(entry)) {
                        subdirs.add(entry);
                    }
                } else {
                    root.files.add(new NamedPath(FileNames.pythonName(entry), entry));
                }
            }
        } catch (NoSuchFileException e) {
            ancestors.remove(real);
            return;
        } catch (IOException e) {
            // os.walk ignores folders it cannot list; we say so
            LOG.warn("Cannot list folder {}, skipped: {}", dir, e.toString());
            ancestors.remove(real);
            return;
        }
        roots.add(root);
        for (Path sub : subdirs) {
            String name = FileNames.pythonName(sub);
            walk(sub, relative.isEmpty() ? name : relative + "/" + name, followLinks, ancestors, roots);
        }
        ancestors.remove(real);
    }

    private static final class Root {
        final String relative;
        final List<NamedPath> files = new ArrayList<>();

        Root(String relative) {
            this.relative = relative;
        }
    }

    /** A name as Python decodes it, with the path the listing gave. */
    private record NamedPath(String name, Path path) {
    }

    /**
     * The ordering half of {@code _iter_valid_files} over names alone, for a walk done elsewhere (a Hadoop file
     * system): roots ("" for the class folder, else "/"-joined below it) sorted as Python sorts their paths, names
     * sorted within each root, kept when {@link #hasAllowedExtension}.
     */
    static List<String> orderValidFiles(Map<String, ? extends Collection<String>> namesByRoot) {
        List<String> roots = new ArrayList<>(namesByRoot.keySet());
        roots.sort(CODE_POINT_ORDER);
        List<String> result = new ArrayList<>();
        for (String root : roots) {
            List<String> names = new ArrayList<>(namesByRoot.get(root));
            names.sort(CODE_POINT_ORDER);
            for (String name : names) {
                if (hasAllowedExtension(name)) {
                    result.add(root.isEmpty() ? name : root + "/" + name);
                }
            }
        }
        return result;
    }

    /** The {@code [start, stop)} of a class's {@code files} that {@code subset} keeps at {@code split}. */
    static int[] subsetRange(int files, Subset subset, double split) {
        int start = 0;
        int stop = files;
        if (subset == Subset.VALIDATION) {
            stop = (int) (split * files); // Keras: first int(split * n) files of each class
        } else if (subset == Subset.TRAINING) {
            start = (int) (split * files);
        }
        return new int[] {start, stop};
    }
}
