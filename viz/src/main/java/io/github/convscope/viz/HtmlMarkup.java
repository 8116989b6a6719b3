package io.github.convscope.viz;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The HTML of {@link HtmlReport}: its content blocks, escaping, and the page with its inline style. */
final class HtmlMarkup {
    /** A section: an optional heading (null for the part under the title) and its blocks. */
    record Section(String heading, List<Block> blocks) {
    }

    /** One piece of section content. */
    sealed interface Block permits Subheading, Paragraph, Preformatted, Table, Image {
    }

    record Subheading(String text) implements Block {
    }

    record Paragraph(String text) implements Block {
    }

    record Preformatted(String text) implements Block {
    }

    record Table(List<String> header, List<List<String>> rows) implements Block {
    }

    /** An image: a relative file name, or a data URI when {@code embedded}. */
    record Image(String source, String caption, boolean embedded) implements Block {
    }

    private static final String STYLE = String.join("\n",
            "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;margin:0;"
                    + "background:#f6f7f9;color:#1d2330;line-height:1.5}",
            "main{max-width:1100px;margin:0 auto;padding:24px 32px 64px}",
            "h1{font-size:1.9em;margin:0.4em 0 0.2em}",
            "h2{font-size:1.4em;margin:0;padding-bottom:6px;border-bottom:2px solid #d8dde6}",
            "h3{font-size:1.1em;margin:1.2em 0 0.4em}",
            "section{background:#fff;border:1px solid #e1e5ec;border-radius:8px;padding:18px 24px;margin:18px 0}",
            "nav ul{columns:2;margin:0.5em 0 0;padding-left:0;list-style:none}",
            "nav a{color:#2357b8;text-decoration:none}",
            "pre{background:#f3f4f7;border:1px solid #e1e5ec;border-radius:6px;padding:12px;overflow-x:auto;"
                    + "font:0.85em/1.35 'DejaVu Sans Mono',Menlo,Consolas,monospace}",
            "table{border-collapse:collapse;margin:8px 0;font-size:0.9em}",
            "th,td{border:1px solid #dde2ea;padding:4px 10px;text-align:left}",
            "th{background:#eef1f6}",
            "td.num{text-align:right;font-variant-numeric:tabular-nums}",
            "tr:nth-child(even) td{background:#fafbfc}",
            "figure{margin:12px 0}",
            "figure img{max-width:100%;height:auto;border:1px solid #e1e5ec;image-rendering:auto}",
            "figcaption{color:#5a6475;font-size:0.9em;margin-top:4px}");

    private HtmlMarkup() {
    }

    static String render(String title, List<Section> sections) {
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
                .append("<meta name=\"generator\" content=\"").append(HtmlReport.GENERATOR).append("\" />\n")
                .append("<title>").append(escape(title)).append("</title>\n<style>\n").append(STYLE)
                .append("\n</style>\n</head>\n<body>\n<main>\n<h1>").append(escape(title)).append("</h1>\n");
        long headed = sections.stream().filter(s -> s.heading() != null).count();
        if (headed > 1) {
            html.append("<nav>\n<ul>\n");
            int n = 0;
            for (Section s : sections) {
                if (s.heading() != null) {
                    html.append("<li><a href=\"#s").append(++n).append("\">").append(escape(s.heading()))
                            .append("</a></li>\n");
                }
            }
            html.append("</ul>\n</nav>\n");
        }
        int n = 0;
        for (Section s : sections) {
            if (s.heading() == null) {
                blocks(html, s.blocks());
                continue;
            }
            html.append("<section id=\"s").append(++n).append("\">\n<h2>").append(escape(s.heading()))
                    .append("</h2>\n");
            blocks(html, s.blocks());
            html.append("</section>\n");
        }
        return html.append("</main>\n</body>\n</html>\n").toString();
    }

    private static void blocks(StringBuilder html, List<Block> blocks) {
        for (Block block : blocks) {
            if (block instanceof Subheading h) {
                html.append("<h3>").append(escape(h.text())).append("</h3>\n");
            } else if (block instanceof Paragraph p) {
                html.append("<p>").append(escape(p.text()).replace("\n", "<br />")).append("</p>\n");
            } else if (block instanceof Preformatted p) {
                html.append("<pre>").append(escape(p.text())).append("</pre>\n");
            } else if (block instanceof Table t) {
                table(html, t);
            } else if (block instanceof Image i) {
                String src = i.embedded() ? i.source() : encodePath(i.source());
                html.append("<figure><img src=\"").append(escape(src)).append("\" alt=\"").append(escape(i.caption()))
                        .append("\" />");
                if (!i.caption().isEmpty()) {
                    html.append("<figcaption>").append(escape(i.caption())).append("</figcaption>");
                }
                html.append("</figure>\n");
            }
        }
    }

    private static void table(StringBuilder html, Table t) {
        html.append("<table>\n");
        if (!t.header().isEmpty()) {
            html.append("<thead><tr>");
            for (String h : t.header()) {
                html.append("<th>").append(escape(h)).append("</th>");
            }
            html.append("</tr></thead>\n");
        }
        html.append("<tbody>\n");
        for (List<String> row : t.rows()) {
            html.append("<tr>");
            for (String cell : row) {
                html.append(isNumber(cell) ? "<td class=\"num\">" : "<td>").append(escape(cell)).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    /** Escapes the five characters that are special in HTML text and attribute values. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // Control characters other than tab and newline are not allowed in HTML or XML text.
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        out.append(' ');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Whether a name stays inside the report folder: relative, no {@code ..} segment, no scheme, not empty. */
    static boolean isSafeRelativeName(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.contains(":") || name.indexOf('\0') >= 0) {
            return false;
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.equals("..") || segment.equals(".")) {
                return false;
            }
        }
        return true;
    }

    /** Percent-encodes a relative path for a URL, keeping {@code /} and RFC 3986 unreserved characters. */
    static String encodePath(String path) {
        StringBuilder out = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~' || c == '/') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }

    private static boolean isNumber(String cell) {
        return cell.matches("[-+]?[0-9][0-9,]*(\\.[0-9]+)?([eE][-+]?[0-9]+)?%?");
    }
}
