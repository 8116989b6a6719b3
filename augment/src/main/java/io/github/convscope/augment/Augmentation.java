package io.github.convscope.augment;

import io.github.convscope.image.FloatImage;
import io.github.convscope.random.NumpyRandom;

/**
 * Keras 1.1.0's {@code get_random_transform} and {@code apply_transform} for one set of {@link GeneratorSettings}:
 * the draws in Keras's order and the warp, channel shift, flips and brightness in Keras's order.
 */
final class Augmentation {
    private Augmentation() {
    }

    /** Keras's draw order (section 2.1): theta, tx, ty, shear, zx, zy, both flips always, channel shift, brightness. */
    static TransformParameters draw(GeneratorSettings s, int height, int width, NumpyRandom random) {
        TransformParameters.Builder p = TransformParameters.builder();
        if (s.rotationRange() != 0) {
            p.theta(random.uniform(-s.rotationRange(), s.rotationRange()));
        }
        if (s.heightShiftRange().isActive()) {
            p.tx(s.heightShiftRange().draw(height, random));
        }
        if (s.widthShiftRange().isActive()) {
            p.ty(s.widthShiftRange().draw(width, random));
        }
        if (s.shearRange() != 0) {
            p.shear(random.uniform(-s.shearRange(), s.shearRange()));
        }
        if (!(s.zoomLow() == 1 && s.zoomHigh() == 1)) {
            p.zx(random.uniform(s.zoomLow(), s.zoomHigh()));
            p.zy(random.uniform(s.zoomLow(), s.zoomHigh()));
        }
        p.flipHorizontal(random.randomSample() < 0.5 && s.horizontalFlip());
        p.flipVertical(random.randomSample() < 0.5 && s.verticalFlip());
        if (s.channelShiftRange() != 0) {
            p.channelShiftIntensity(random.uniform(-s.channelShiftRange(), s.channelShiftRange()));
        }
        if (s.brightnessRange() != null) {
            p.brightness(random.uniform(s.brightnessRange().get(0), s.brightnessRange().get(1)));
        }
        return p.build();
    }

    /**
     * Keras's {@code apply_transform}: one affine warp (skipped when neutral), channel shift, horizontal flip,
     * vertical flip, brightness. With {@code inPlace} the image's own array may be changed and returned.
     */
    static FloatImage apply(GeneratorSettings s, FloatImage image, TransformParameters p, boolean inPlace) {
        int h = image.height();
        int w = image.width();
        int c = image.channels();
        float[] data;
        double[] matrix = AffineWarp.pullMatrix(p, h, w);
        boolean flipsDone = false;
        if (matrix != null) {
            data = new float[image.data().length];
            AffineWarp.warp(image.data(), data, h, w, c, matrix, s.interpolationOrder(), s.fillMode(),
                    (float) s.cval(), p.flipHorizontal(), p.flipVertical());
            flipsDone = true;
        } else {
            data = inPlace ? image.data() : image.data().clone();
        }
        if (p.channelShiftIntensity().isPresent()) {
            IntensityShifts.channelShift(data, p.channelShiftIntensity().getAsDouble());
        }
        if (!flipsDone) {
            flip(data, h, w, c, p.flipHorizontal(), p.flipVertical());
        }
        if (p.brightness().isPresent()) {
            IntensityShifts.brightness(data, c, p.brightness().getAsDouble());
        }
        return data == image.data() ? image : new FloatImage(h, w, c, data);
    }

    private static void flip(float[] data, int h, int w, int c, boolean horizontal, boolean vertical) {
        int rowLength = w * c;
        if (horizontal) {
            for (int r = 0; r < h; r++) {
                int row = r * rowLength;
                for (int a = 0, b = w - 1; a < b; a++, b--) {
                    for (int ch = 0; ch < c; ch++) {
                        float t = data[row + a * c + ch];
                        data[row + a * c + ch] = data[row + b * c + ch];
                        data[row + b * c + ch] = t;
                    }
                }
            }
        }
        if (vertical) {
            float[] tmp = new float[rowLength];
            for (int a = 0, b = h - 1; a < b; a++, b--) {
                System.arraycopy(data, a * rowLength, tmp, 0, rowLength);
                System.arraycopy(data, b * rowLength, data, a * rowLength, rowLength);
                System.arraycopy(tmp, 0, data, b * rowLength, rowLength);
            }
        }
    }
}
