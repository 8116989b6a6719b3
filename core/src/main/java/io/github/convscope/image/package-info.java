/** Decoding images and resizing them with Keras's (Pillow's) rules. */
package io.github.convscope.image;
