package io.github.convscope.examples.lecture;

import io.github.convscope.data.DirectoryIterator;
import io.github.convscope.evaluation.ClassificationReport;
import io.github.convscope.evaluation.ConfusionMatrix;
import io.github.convscope.explain.Explainer;
import io.github.convscope.explain.FilterPattern;
import io.github.convscope.explain.Heatmaps;
import io.github.convscope.explain.Mistake;
import io.github.convscope.explain.PatternSettings;
import io.github.convscope.explain.SaliencyMaps;
import io.github.convscope.model.Sequential;
import io.github.convscope.viz.ConfusionMatrixPlot;
import io.github.convscope.viz.ExplanationGrid;
import io.github.convscope.viz.PatternMosaic;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 7: why the trained models decide as they do, and where they go wrong: each model's classification report and
 * confusion matrix on the validation images, where it looks on average for each class, Grad-CAM and saliency of a
 * few right and wrong images of each class, the most confidently wrong images, and the filter patterns of the last
 * convolution layer.
 */
public final class WhyTheModelDecides {
    private static final Logger LOG = LoggerFactory.getLogger(WhyTheModelDecides.class);

    private WhyTheModelDecides() {
    }

    /** Explains every model trained so far on the validation images. */
    public static void run(LectureRun run) throws IOException {
        long start = System.nanoTime();
        DirectoryIterator validation = run.validationBatches();
        List<String> classes = validation.getLabels();
        boolean quick = run.settings().quick();
        int scale = run.settings().pictureScale();
        List<TrainedModel> models = run.trained();
        run.report().paragraph("Grad-CAM weighs the channels of the last convolution by the mean gradient of the class "
                + "score (the logit of the sigmoid unit: +logit for " + classes.get(1) + ", -logit for "
                + classes.get(0) + ") and shows where that evidence lies; saliency is the largest absolute gradient of "
                + "the score over each pixel's channels. Both come from an inference-mode pass of the model.");
        List<ValidationExplained> passes = new ArrayList<>();
        List<List<?>> thirds = new ArrayList<>();
        for (TrainedModel trained : models) {
            ValidationExplained pass = ValidationExplained.of(trained.model(), validation);
            passes.add(pass);
            int[] truth = pass.truth();
            ClassificationReport report = ClassificationReport.fromProbabilities(truth, pass.probabilities(), classes);
            run.out().println(trained.name() + ":");
            run.out().println(report);                                   // scikit-learn's classification_report
            run.report().subheading("The " + trained.name() + " model on the " + truth.length + " validation images");
            run.report().preformatted(report.toString());
            String matrix = "step7-" + slug(trained.name()) + "-confusion.png";
            ConfusionMatrixPlot.of(report.confusion()).title("Confusion matrix, " + trained.name())
                    .save(run.file(matrix));
            run.report().image(matrix, "Rows: true class; columns: predicted class");
            List<String> captions = new ArrayList<>();
            for (int c = 0; c < classes.size(); c++) {
                captions.add(classes.get(c) + " (" + pass.counts()[c] + " images)");
                double[] t = pass.thirds(c);
                thirds.add(List.of(trained.name(), classes.get(c), percent(t[0]), percent(t[1]), percent(t[2])));
            }
            String mean = "step7-" + slug(trained.name()) + "-mean-gradcam.png";
            ExplanationGrid.of(pass.meanImages(), pass.meanHeatmaps()).captions(captions).columns(classes.size())
                    .scale(scale).title("Mean Grad-CAM per true class, " + trained.name()).save(run.file(mean));
            run.report().image(mean, "The mean validation image of each class beside the mean of its images' "
                    + "Grad-CAM maps (of the predicted class)");
        }
        run.report().subheading("Where the models look");
        run.report().table(List.of("model", "true class", "heat in top third", "middle third", "bottom third"),
                thirds);

        // A few right and wrong images of each class, chosen on the last model, explained by every model.
        ValidationExplained lastPass = passes.get(passes.size() - 1);
        int[] truth = lastPass.truth();
        float[][] last = lastPass.probabilities();
        List<Integer> chosen = examples(truth, ConfusionMatrix.predictedClasses(last), classes.size(), quick ? 1 : 2);
        Sequential finalModel = models.get(models.size() - 1).model();
        INDArray images = load(finalModel, validation, chosen);
        run.report().subheading("Right and wrong images of each class");
        for (TrainedModel trained : models) {
            Explainer explainer = Explainer.of(trained.model());
            Heatmaps cams = explainer.gradCam(images);                   // last conv layer, predicted classes
            SaliencyMaps saliency = explainer.saliency(images);          // max |d logit / d pixel| over channels
            List<String> captions = new ArrayList<>();
            for (int k = 0; k < chosen.size(); k++) {
                captions.add(String.format(Locale.ROOT, "%s: %s %.2f", classes.get(truth[chosen.get(k)]),
                        classes.get(cams.classes()[k]), cams.probabilityOfClass(k)));
            }
            String file = "step7-" + slug(trained.name()) + "-gradcam.png";
            ExplanationGrid.of(images, cams).saliency(saliency).captions(captions).columns(2).scale(scale)
                    .title("Grad-CAM and saliency, " + trained.name()).save(run.file(file));
            run.report().image(file, trained.name() + ": image, Grad-CAM of the predicted class (jet), saliency; "
                    + "caption: true class: predicted class and its probability");
        }

        String name = models.get(models.size() - 1).name();
        Explainer explainer = Explainer.of(finalModel);
        List<Mistake> worst = Mistake.mostConfident(truth, last, quick ? 4 : 8);   // most confidently wrong first
        if (!worst.isEmpty()) {
            INDArray wrong = load(finalModel, validation, worst.stream().map(Mistake::index).toList());
            String errors = "step7-errors.png";
            ExplanationGrid.errors(wrong, worst, explainer.gradCam(wrong), classes).columns(4).scale(scale)
                    .save(run.file(errors));
            run.report().subheading("The " + name + " model's most confidently wrong validation images");
            run.report().image(errors, "Each with the Grad-CAM of the class it predicted");
        }

        String layer = explainer.lastConvolutionLayer();
        List<FilterPattern> patterns = explainer.filterPatterns(layer,
                PatternSettings.DEFAULT.withSteps(quick ? 8 : PatternSettings.DEFAULT.steps()));
        String mosaic = "step7-patterns.png";
        PatternMosaic.of(patterns).scale(scale).save(run.file(mosaic));
        long raised = patterns.stream().filter(p -> p.gain() > 0).count();
        run.report().subheading("What the filters of " + layer + " respond to");
        run.report().paragraph("Gradient ascent on the input, from a seeded noisy grey image, on each filter's mean "
                + "activation (Chollet's filter visualisation); the search raised " + raised + " of " + patterns.size()
                + " filters (the others are silent on every input it reached).");
        run.report().image(mosaic, "Filter patterns of " + layer + ", " + name + " model");
        LOG.info("Explained {} models on {} validation images in {} s", models.size(), truth.length,
                String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
    }

    /** The first {@code perClass} right and wrong images of each class, in file order. */
    private static List<Integer> examples(int[] truth, int[] predicted, int classes, int perClass) {
        List<Integer> chosen = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            for (boolean right : new boolean[] {true, false}) {
                int found = 0;
                for (int i = 0; i < truth.length && found < perClass; i++) {
                    if (truth[i] == c && (predicted[i] == c) == right) {
                        chosen.add(i);
                        found++;
                    }
                }
            }
        }
        return chosen;
    }

    /** The validation images at {@code indices}, loaded and rescaled as the validation batches hold them. */
    private static INDArray load(Sequential model, DirectoryIterator validation, List<Integer> indices) {
        List<INDArray> images = new ArrayList<>();
        for (int i : indices) {
            images.add(LookingInside.inputBatch(model, validation.filepaths().get(i)));
        }
        return Nd4j.concat(0, images.toArray(new INDArray[0]));
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f %%", 100 * share);
    }

    private static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
