"""Keras reference for the ConvScope loading benchmarks (DirectoryIteratorBenchmark, AugmentationBenchmark).

Times one epoch of keras_preprocessing 1.1.0's ImageDataGenerator.flow_from_directory over the folder the Java
benchmarks generate (2,000 JPEGs 500x375, run SyntheticImages or one of the benchmarks first): 150x150, batch 128,
rescale 1/255 only ("plain") and with the lecture's augmentation ("augmented"), single-threaded as Keras iterates.
Also prints the process CPU time per image, which depends less on how busy the machine is.

    python3 keras_augmentation_benchmark.py [folder] [repetitions]

Needs keras_preprocessing, Pillow, NumPy and SciPy. Prints the median images per second of each mode.
"""
import os
import statistics
import sys
import tempfile
import time

from keras_preprocessing.image import ImageDataGenerator


def epoch(generator, folder, seed):
    it = generator.flow_from_directory(folder, target_size=(150, 150), batch_size=128, seed=seed)
    start = time.perf_counter()
    cpu = time.process_time()
    images = 0
    for _ in range(len(it)):
        x, _ = it.next()
        images += x.shape[0]
    return images / (time.perf_counter() - start), (time.process_time() - cpu) * 1000 / images


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.join(tempfile.gettempdir(), 'convscope-bench')
    reps = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    plain = ImageDataGenerator(rescale=1. / 255)
    augmented = ImageDataGenerator(rescale=1. / 255, rotation_range=45, width_shift_range=.15,
                                   height_shift_range=.15, horizontal_flip=True, zoom_range=0.5)
    print('load average %.2f %.2f %.2f' % os.getloadavg())
    epoch(plain, folder, 0)  # warm-up: file cache, imports
    for name, generator in (('plain', plain), ('augmented', augmented)):
        runs = [epoch(generator, folder, r + 1) for r in range(reps)]
        rates = [r[0] for r in runs]
        print('Keras %-10s %6.0f img/s  median of [%s]; CPU %.2f ms/img' % (
            name, statistics.median(rates), ', '.join('%.0f' % r for r in rates),
            statistics.median(r[1] for r in runs)))
    print('load average %.2f %.2f %.2f' % os.getloadavg())


if __name__ == '__main__':
    main()
