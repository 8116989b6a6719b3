/**
 * How networks run on this machine: the data layout of DL4J networks
 * ({@link io.github.convscope.backend.NetworkLayout}, {@link io.github.convscope.backend.ImageLayouts}) and the
 * native fast path ({@link io.github.convscope.backend.NativeAcceleration}: DL4J custom layers,
 * {@link io.github.convscope.backend.NativeConvolution}, on libnd4j's oneDNN operations). Imports nothing of
 * ConvScope; {@code model}, {@code inspect} and {@code explain} use it.
 */
package io.github.convscope.backend;
