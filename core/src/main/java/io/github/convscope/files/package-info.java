/**
 * Writing files safely: {@link io.github.convscope.files.AtomicFiles} writes beside the target and moves into place.
 * Imports nothing of ConvScope; every package that writes a user-visible file uses it.
 */
package io.github.convscope.files;
