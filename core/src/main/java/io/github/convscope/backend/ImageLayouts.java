package io.github.convscope.backend;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.LocallyConnected2D;
import org.deeplearning4j.nn.conf.layers.SpaceToBatchLayer;
import org.deeplearning4j.nn.conf.layers.SpaceToDepthLayer;
import org.deeplearning4j.nn.conf.layers.Subsampling1DLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.CnnToRnnPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.RnnToCnnPreProcessor;

/**
 * Works out, from a network's configuration, which layers produce image-shaped activations and whether those are
 * NCHW or NHWC. DL4J has no common interface for the data format, so each 2D layer class is asked by its own getter.
 */
public final class ImageLayouts {
    private ImageLayouts() {
    }

    /** The 2D format a layer configuration declares, or null when it declares none (or is not a 2D layer). */
    public static CNN2DFormat declaredFormat(Layer conf) {
        if (conf instanceof Convolution1DLayer || conf instanceof Convolution3D || conf instanceof Subsampling1DLayer) {
            return null;
        }
        if (conf instanceof ConvolutionLayer c) {
            return c.getCnn2dDataFormat();
        }
        if (conf instanceof SubsamplingLayer s) {
            return s.getCnn2dDataFormat();
        }
        if (conf instanceof BatchNormalization b) {
            return b.getCnn2DFormat();
        }
        if (conf instanceof LocalResponseNormalization l) {
            return l.getDataFormat();
        }
        if (conf instanceof ZeroPaddingLayer z) {
            return z.getDataFormat();
        }
        if (conf instanceof Cropping2D c) {
            return c.getDataFormat();
        }
        if (conf instanceof SpaceToDepthLayer s) {
            return s.getDataFormat();
        }
        if (conf instanceof Upsampling2D u) {
            return u.getFormat();
        }
        if (conf instanceof LocallyConnected2D l) {
            return l.getFormat();
        }
        if (conf instanceof SpaceToBatchLayer s) {
            return s.getFormat();
        }
        return null;
    }

    /** Whether the layer is a 2D convolution (where the lecture's default selection starts). */
    public static boolean isConvolution2D(Layer conf) {
        return conf instanceof ConvolutionLayer && !(conf instanceof Convolution1DLayer)
                && !(conf instanceof Convolution3D);
    }

    /** Whether the layer keeps its input's shape (so an image stays an image in the same layout). */
    public static boolean preservesShape(Layer conf) {
        return conf instanceof DropoutLayer || conf instanceof ActivationLayer || conf instanceof BatchNormalization
                || conf instanceof LocalResponseNormalization;
    }

    /**
     * The layout of a layer's output given the layout of what reaches it ({@code incoming}, null = flat) and the
     * pre-processor DL4J applies before it (may be null).
     */
    public static CNN2DFormat outputFormat(Layer conf, CNN2DFormat incoming, InputPreProcessor preProcessor) {
        CNN2DFormat in = afterPreProcessor(preProcessor, incoming);
        CNN2DFormat declared = declaredFormat(conf);
        if (preservesShape(conf)) {
            return in == null ? null : (declared != null ? declared : in);
        }
        if (declared != null) {
            return declared;
        }
        if (conf instanceof FeedForwardLayer || conf instanceof GlobalPoolingLayer
                || conf instanceof BaseRecurrentLayer || conf instanceof Convolution1DLayer
                || conf instanceof Convolution3D || conf instanceof Subsampling1DLayer) {
            return null;
        }
        return in;
    }

    /** The layout after a pre-processor: flattening ones make the data flat, reshaping ones make it NCHW. */
    public static CNN2DFormat afterPreProcessor(InputPreProcessor preProcessor, CNN2DFormat incoming) {
        if (preProcessor instanceof CnnToFeedForwardPreProcessor || preProcessor instanceof CnnToRnnPreProcessor) {
            return null;
        }
        if (preProcessor instanceof FeedForwardToCnnPreProcessor || preProcessor instanceof RnnToCnnPreProcessor) {
            return CNN2DFormat.NCHW;
        }
        return incoming;
    }
}
