package io.github.convscope.image;

/** Pillow's convolution kernels for resizing (libImaging/Resample.c), with their supports at scale 1. */
enum ResampleFilter {
    /** Pillow BOX: 1 on (-1/2, 1/2]. */
    BOX(0.5) {
        @Override
        double weight(double x) {
            return x > -0.5 && x <= 0.5 ? 1.0 : 0.0;
        }
    },
    /** Pillow BILINEAR: the triangle 1 - |x|. */
    BILINEAR(1.0) {
        @Override
        double weight(double x) {
            double a = Math.abs(x);
            return a < 1.0 ? 1.0 - a : 0.0;
        }
    },
    /** Pillow HAMMING: sinc windowed by 0.54 + 0.46 cos(pi x). */
    HAMMING(1.0) {
        @Override
        double weight(double x) {
            double a = Math.abs(x);
            if (a == 0.0) {
                return 1.0;
            }
            if (a >= 1.0) {
                return 0.0;
            }
            a = a * Math.PI;
            return StrictMath.sin(a) / a * (0.54 + 0.46 * StrictMath.cos(a));
        }
    },
    /** Pillow BICUBIC: Keys' cubic convolution with a = -0.5. */
    BICUBIC(2.0) {
        @Override
        double weight(double x) {
            final double a = -0.5;
            double t = Math.abs(x);
            if (t < 1.0) {
                return ((a + 2.0) * t - (a + 3.0)) * t * t + 1;
            }
            if (t < 2.0) {
                return (((t - 5) * t + 8) * t - 4) * a;
            }
            return 0.0;
        }
    },
    /** Pillow LANCZOS: sinc(x) sinc(x / 3) on [-3, 3). */
    LANCZOS(3.0) {
        @Override
        double weight(double x) {
            return -3.0 <= x && x < 3.0 ? sinc(x) * sinc(x / 3) : 0.0;
        }
    };

    private final double support;

    ResampleFilter(double support) {
        this.support = support;
    }

    /** Half-width of the kernel at scale 1. */
    double support() {
        return support;
    }

    /** The kernel value at offset {@code x}. */
    abstract double weight(double x);

    private static double sinc(double x) {
        if (x == 0.0) {
            return 1.0;
        }
        double px = x * Math.PI;
        return StrictMath.sin(px) / px;
    }

    /** The kernel for a non-nearest {@link Interpolation}. */
    static ResampleFilter of(Interpolation interpolation) {
        switch (interpolation) {
            case BOX:
                return BOX;
            case BILINEAR:
                return BILINEAR;
            case HAMMING:
                return HAMMING;
            case BICUBIC:
                return BICUBIC;
            case LANCZOS:
                return LANCZOS;
            default:
                throw new IllegalArgumentException("no convolution kernel for " + interpolation);
        }
    }
}
