/** Looking inside a trained network: activations of every layer as feature maps. */
package io.github.convscope.inspect;
