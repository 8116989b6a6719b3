/**
 * The lecture's pictures as files and {@code BufferedImage}s: training curves, image grids, feature-map mosaics and
 * single channels in viridis. Everything renders headless ({@code java.awt.headless=true}).
 *
 * <p>Files: {@code save(path)} writes PNG (or SVG where offered, by extension), creating missing parent folders. It
 * replaces a file that ConvScope wrote before (so re-running a program refreshes its pictures) and refuses, with
 * {@link java.nio.file.FileAlreadyExistsException}, any other existing file. ConvScope recognises its own files by
 * a marker: a PNG {@code tEXt} entry {@code Software=ConvScope}, or an SVG comment.
 */
package io.github.convscope.viz;
