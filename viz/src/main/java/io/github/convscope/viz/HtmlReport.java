package io.github.convscope.viz;

import io.github.convscope.files.AtomicFiles;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * One self-contained {@code index.html}: a title, sections with headings, paragraphs, preformatted text (model
 * summaries), tables (per-epoch history, settings) and images, either files beside {@code index.html} referenced by
 * relative name or embedded as PNG data URIs. The page uses inline CSS only and loads nothing from the network, so it
 * reads the same offline; all text is HTML-escaped.
 *
 * <pre>{@code
 * HtmlReport.builder("ConvScope lecture").section("Training").image("curves.png", "Accuracy and loss")
 *         .build().write(outputDir);                                   // outputDir/index.html
 * }</pre>
 *
 * <p>Instances are immutable; {@link #write(Path)} checks that every referenced file exists before writing.
 */
public final class HtmlReport {
    /** The name of the file {@link #write(Path)} produces. */
    public static final String FILE_NAME = "index.html";
    /** The generator tag written into every report; an existing index.html without it is never replaced. */
    static final String GENERATOR = "ConvScope HtmlReport";

    private final String title;
    private final List<HtmlMarkup.Section> sections;

    private HtmlReport(String title, List<HtmlMarkup.Section> sections) {
        this.title = title;
        this.sections = sections;
    }

    /** A builder for a report with this page title. */
    public static Builder builder(String title) {
        return new Builder(title);
    }

    /** The page title. */
    public String title() {
        return title;
    }

    /** The relative file names of the images this report references (embedded images excluded). */
    public List<String> referencedFiles() {
        List<String> files = new ArrayList<>();
        for (HtmlMarkup.Section section : sections) {
            for (HtmlMarkup.Block block : section.blocks()) {
                if (block instanceof HtmlMarkup.Image image && !image.embedded()) {
                    files.add(image.source());
                }
            }
        }
        return List.copyOf(files);
    }

    /** The whole page as a string (well-formed XHTML syntax, served as HTML5). */
    public String toHtml() {
        return HtmlMarkup.render(title, sections);
    }

    /**
     * Writes {@code directory/index.html}, atomically, creating the folder if needed, and returns its path. Every
     * referenced image must already exist in {@code directory}; an existing {@code index.html} is replaced only if an
     * earlier report wrote it.
     *
     * @throws IOException naming the missing image or the foreign {@code index.html}
     */
    public Path write(Path directory) throws IOException {
        for (String file : referencedFiles()) {
            if (!Files.isRegularFile(directory.resolve(file))) {
                throw new IOException("the report references " + file + ", which does not exist in " + directory);
            }
        }
        Path target = directory.resolve(FILE_NAME);
        if (Files.exists(target) && !Files.readString(target, StandardCharsets.UTF_8).contains(GENERATOR)) {
            throw new IOException("refusing to replace " + target + ": it was not written by ConvScope");
        }
        byte[] html = toHtml().getBytes(StandardCharsets.UTF_8);
        return AtomicFiles.write(target, out -> out.write(html));
    }

    /**
     * Collects sections and their content in order. Content added before the first {@link #section} appears under
     * the title. Each call returns this builder; {@link #build()} validates and makes an immutable report.
     */
    public static final class Builder {
        private final String title;
        private final List<HtmlMarkup.Section> sections = new ArrayList<>();
        private String heading;
        private List<HtmlMarkup.Block> blocks = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();

        private Builder(String title) {
            this.title = title;
        }

        /** Starts a new section with this heading; what follows goes into it. */
        public Builder section(String heading) {
            flush();
            this.heading = heading == null ? "" : heading;
            return this;
        }

        /** A smaller heading inside the current section. */
        public Builder subheading(String text) {
            blocks.add(new HtmlMarkup.Subheading(String.valueOf(text)));
            return this;
        }

        /** A paragraph of plain text (escaped; line breaks kept). */
        public Builder paragraph(String text) {
            blocks.add(new HtmlMarkup.Paragraph(String.valueOf(text)));
            return this;
        }

        /** Preformatted text in a monospaced box, such as a model summary or program output. */
        public Builder preformatted(String text) {
            blocks.add(new HtmlMarkup.Preformatted(String.valueOf(text)));
            return this;
        }

        /** A table with a header row; cells are shown with {@link String#valueOf(Object)}, numbers right-aligned. */
        public Builder table(List<String> header, List<? extends List<?>> rows) {
            List<String> head = header == null ? List.of() : List.copyOf(header);
            List<List<String>> body = new ArrayList<>();
            if (rows == null) {
                problems.add("table rows must not be null");
            } else {
                for (List<?> row : rows) {
                    List<String> cells = new ArrayList<>();
                    for (Object cell : row) {
                        cells.add(String.valueOf(cell));
                    }
                    if (!head.isEmpty() && cells.size() != head.size()) {
                        problems.add("table row " + cells + " has " + cells.size() + " cells, the header has "
                                + head.size());
                    }
                    body.add(List.copyOf(cells));
                }
            }
            blocks.add(new HtmlMarkup.Table(head, List.copyOf(body)));
            return this;
        }

        /** A two-column table of names and values, in the map's iteration order. */
        public Builder keyValues(Map<String, ?> values) {
            List<List<String>> rows = new ArrayList<>();
            values.forEach((k, v) -> rows.add(List.of(k, String.valueOf(v))));
            return table(List.of("Setting", "Value"), rows);
        }

        /**
         * An image file beside index.html, by relative name ({@code curves.png} or {@code maps/conv2d.png}); it must
         * exist when the report is written. Absolute paths, {@code ..} and URLs are refused at {@link #build()}.
         */
        public Builder image(String relativeFileName, String caption) {
            String name = relativeFileName == null ? "" : relativeFileName.replace('\\', '/');
            if (!HtmlMarkup.isSafeRelativeName(name)) {
                problems.add("image must be a relative file name inside the report folder (no '..', no absolute"
                        + " path, no URL), got '" + relativeFileName + "'");
            }
            blocks.add(new HtmlMarkup.Image(name, caption == null ? "" : caption, false));
            return this;
        }

        /** An image embedded in the page as a PNG data URI (for small pictures that need no file). */
        public Builder embeddedImage(RenderedImage image, String caption) {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            try {
                if (image == null || !ImageIO.write(image, "png", png)) {
                    problems.add("embeddedImage needs an image that can be written as PNG");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String uri = "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
            blocks.add(new HtmlMarkup.Image(uri, caption == null ? "" : caption, true));
            return this;
        }

        /** The report; an {@link IllegalArgumentException} lists every invalid argument given. */
        public HtmlReport build() {
            List<String> errors = new ArrayList<>();
            if (title == null || title.isBlank()) {
                errors.add("title must not be blank");
            }
            errors.addAll(problems);
            if (!errors.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", errors));
            }
            List<HtmlMarkup.Section> all = new ArrayList<>(sections);
            if (!blocks.isEmpty() || heading != null) {
                all.add(new HtmlMarkup.Section(heading, List.copyOf(blocks)));
            }
            return new HtmlReport(title, List.copyOf(all));
        }

        private void flush() {
            if (!blocks.isEmpty() || heading != null) {
                sections.add(new HtmlMarkup.Section(heading, List.copyOf(blocks)));
            }
            blocks = new ArrayList<>();
        }
    }
}
