/**
 * Keras's callbacks for {@code Sequential.fit}: {@link io.github.convscope.model.callbacks.EarlyStopping},
 * {@link io.github.convscope.model.callbacks.ModelCheckpoint},
 * {@link io.github.convscope.model.callbacks.ReduceLROnPlateau} and
 * {@link io.github.convscope.model.callbacks.CsvLogger}. They implement {@code io.github.convscope.model.Callback}
 * and import {@code model}; {@code model} never imports them.
 */
package io.github.convscope.model.callbacks;
