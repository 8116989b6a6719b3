package io.github.convscope.spark;

import io.github.convscope.data.FolderOrder;
import io.github.convscope.data.Subset;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists a class-per-folder tree on a Hadoop file system on the driver, with {@link FolderOrder}'s rules, so that
 * classes, file order and subsets are those of {@code DirectoryIterator} on the same tree.
 */
final class FolderWalk {
    private static final Logger LOG = LoggerFactory.getLogger(FolderWalk.class);

    final List<String> classNames;
    final List<String> filenames;
    final int[] classes;

    private FolderWalk(List<String> classNames, List<String> filenames, int[] classes) {
        this.classNames = classNames;
        this.filenames = filenames;
        this.classes = classes;
    }

    static FolderWalk scan(FileSystem fs, Path directory, List<String> explicitClasses, Subset subset, double split) {
        try {
            FileStatus top;
            try {
                top = fs.getFileStatus(directory);
            } catch (FileNotFoundException e) {
                throw new IllegalArgumentException("directory " + directory + " does not exist", e);
            }
            if (!top.isDirectory()) {
                throw new IllegalArgumentException("directory " + directory + " is not a folder");
            }
            List<String> classNames;
            if (explicitClasses != null) {
                classNames = List.copyOf(explicitClasses);
            } else {
                classNames = new ArrayList<>();
                for (FileStatus status : fs.listStatus(directory)) {
                    if (status.isDirectory()) {
                        classNames.add(status.getPath().getName());
                    }
                }
                classNames.sort(FolderOrder.codePointOrder());
            }
            List<String> filenames = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            for (int k = 0; k < classNames.size(); k++) {
                String name = classNames.get(k);
                Map<String, List<String>> namesByRoot = new HashMap<>();
                Path classDir = new Path(directory, name);
                if (fs.exists(classDir) && fs.getFileStatus(classDir).isDirectory()) {
                    walk(fs, classDir, "", namesByRoot);
                }
                List<String> files = FolderOrder.validFiles(namesByRoot);
                int[] range = FolderOrder.subsetRange(files.size(), subset, split);
                for (String file : files.subList(range[0], range[1])) {
                    filenames.add(name + "/" + file);
                    labels.add(k);
                }
            }
            return new FolderWalk(List.copyOf(classNames), List.copyOf(filenames),
                    labels.stream().mapToInt(Integer::intValue).toArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    // Hadoop file systems have no symbolic links to follow in practice (HDFS and object stores report none)
    private static void walk(FileSystem fs, Path dir, String relative, Map<String, List<String>> namesByRoot) {
        FileStatus[] entries;
        try {
            entries = fs.listStatus(dir);
        } catch (IOException e) {
            LOG.warn("Cannot list folder {}, skipped: {}", dir, e.toString());
            return;
        }
        List<String> files = new ArrayList<>();
        namesByRoot.put(relative, files);
        for (FileStatus entry : entries) {
            String name = entry.getPath().getName();
            if (entry.isDirectory()) {
                walk(fs, entry.getPath(), relative.isEmpty() ? name : relative + "/" + name, namesByRoot);
            } else {
                files.add(name);
            }
        }
    }
}
