/**
 * Why a trained network decides as it does: Grad-CAM and Grad-CAM++ heat maps, vanilla and SmoothGrad saliency, filter
 * patterns by activation maximisation, and the most confidently wrong predictions; entry point
 * {@link io.github.convscope.explain.Explainer}.
 */
package io.github.convscope.explain;
