package io.github.convscope.backend;

import java.util.List;
import java.util.function.Function;
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

    /** A 2D layer class and the getter of its data format (DL4J names the getter differently in each class). */
    private record Declared<L extends Layer>(Class<L> type, Function<L, CNN2DFormat> format) {
        CNN2DFormat of(Layer conf) {
            return format.apply(type.cast(conf));
        }
    }

    private static final List<Declared<?>> DECLARED = List.of(
            new Declared<>(ConvolutionLayer.class, ConvolutionLayer::getCnn2dDataFormat),
            new Declared<>(SubsamplingLayer.class, SubsamplingLayer::getCnn2dDataFormat),
            new Declared<>(BatchNormalization.class, BatchNormalization::getCnn2DFormat),
            new Declared<>(LocalResponseNormalization.class, LocalResponseNormalization::getDataFormat),
            new Declared<>(ZeroPaddingLayer.class, ZeroPaddingLayer::getDataFormat),
            new Declared<>(Cropping2D.class, Cropping2D::getDataFormat),
            new Declared<>(SpaceToDepthLayer.class, SpaceToDepthLayer::getDataFormat),
            new Declared<>(Upsampling2D.class, Upsampling2D::getFormat),
            new Declared<>(LocallyConnected2D.class, LocallyConnected2D::getFormat),
            new Declared<>(SpaceToBatchLayer.class, SpaceToBatchLayer::getFormat));

    /** The 2D format a layer configuration declares, or null when it declares none (or is not a 2D layer). */
    public static CNN2DFormat declaredFormat(Layer conf) {
        if (conf instanceof Convolution1DLayer || conf instanceof Convolution3D || conf instanceof Subsampling1DLayer) {
            return null;
        }
        for (Declared<?> d : DECLARED) {
            if (d.type().isInstance(conf)) {
                return d.of(conf);
            }
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
