"""Regenerates directory_iterator_fixture.txt with keras_preprocessing 1.1.0 (Debian python3-keras-preprocessing).

Run: python3 make_directory_fixture.py > directory_iterator_fixture.txt
DirectoryIteratorKerasTest rebuilds the same layout (LAYOUT below) in a temporary folder and compares.
Lines are `key=value` with list items separated by '|'.
"""
import os
import sys
import tempfile

import numpy as np
from PIL import Image
from keras_preprocessing.image import DirectoryIterator, ImageDataGenerator, NumpyArrayIterator

# Files of the discovery layout (contents are irrelevant to listing: they are empty files).
LAYOUT = [
    'cats/img_10.png', 'cats/img_2.png', 'cats/Cat.JPG', 'cats/cat.jpg', 'cats/notes.txt', 'cats/foo.xpng',
    'cats/notajpg', 'cats/._x.jpg', 'cats/a b/x.png', 'cats/a/y.png', 'cats/a/z/w.bmp', 'cats/c.gif', 'cats/d.tiff',
    'dogs/dog1.jpeg', 'dogs/dog2.PPM', 'dogs/Dog3.png', 'dogs/dog4.png', 'dogs/dog5.png', 'dogs/nested/dog6.png',
    '.hidden/h1.png', 'Birds/b1.png', 'Birds/b2.png', 'readme.png',
]
EMPTY_DIRS = ['empty']
LINKS = {'dogs/link': '../Birds'}  # relative symbolic link to a folder


def build(root):
    for rel in LAYOUT:
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        open(path, 'wb').close()
    for rel in EMPTY_DIRS:
        os.makedirs(os.path.join(root, rel), exist_ok=True)
    for rel, target in LINKS.items():
        os.symlink(target, os.path.join(root, rel))


def out(key, values):
    print(key + '=' + '|'.join(str(v) for v in values))


def listing(prefix, it):
    out(prefix + '.filenames', it.filenames)
    out(prefix + '.classes', list(it.classes))
    out(prefix + '.classIndices', [k + ':' + str(v) for k, v in it.class_indices.items()])


def main():
    with tempfile.TemporaryDirectory() as tmp:
        root = os.path.join(tmp, 'data')
        build(root)
        listing('plain', DirectoryIterator(root, None))
        listing('links', DirectoryIterator(root, None, follow_links=True))
        listing('explicit', DirectoryIterator(root, None, classes=['dogs', 'missing', 'cats']))

        class Split:  # stands in for ImageDataGenerator: only _validation_split is read
            _validation_split = 0.3
        listing('validation', DirectoryIterator(root, Split(), subset='validation'))
        listing('training', DirectoryIterator(root, Split(), subset='training'))

        # Seeded order: 7 files, batch 3, seed 1, three epochs through the generator Keras's next() uses.
        it = DirectoryIterator(root, None, classes=['dogs', '.hidden'], batch_size=3, seed=1, shuffle=True)
        out('seeded.filenames', it.filenames)
        out('seeded.batches', [','.join(str(i) for i in next(it.index_generator)) for _ in range(9)])
        it = DirectoryIterator(root, None, classes=['dogs', '.hidden'], batch_size=3, seed=1, shuffle=False)
        out('unshuffled.batches', [','.join(str(i) for i in next(it.index_generator)) for _ in range(4)])
        # reset() after one batch: the next batch starts a new epoch with stream seed + 1.
        it = DirectoryIterator(root, None, classes=['dogs', '.hidden'], batch_size=3, seed=1, shuffle=True)
        first = next(it.index_generator)
        it.reset()
        out('reset.batches', [','.join(str(i) for i in b) for b in [first] + [next(it.index_generator) for _ in range(3)]])

    # save_to_dir names: real 4x5 images, no generator, so only the name hashes draw from the stream.
    with tempfile.TemporaryDirectory() as tmp:
        root = os.path.join(tmp, 'data')
        rng = np.random.RandomState(0)
        for cls in ('a', 'b'):
            os.makedirs(os.path.join(root, cls))
            for k in range(3):
                Image.fromarray(rng.randint(0, 256, (4, 5, 3)).astype('uint8')).save(
                    os.path.join(root, cls, 'p%d.png' % k))
        save = os.path.join(tmp, 'save')
        os.makedirs(save)
        it = DirectoryIterator(root, None, target_size=(4, 5), batch_size=4, seed=5, save_to_dir=save,
                               save_prefix='aug', save_format='png')
        seen = set()
        names = []
        for _ in range(2):
            next(it)
            now = set(os.listdir(save))
            names.append(','.join(sorted(now - seen)))
            seen = now
        out('save.batches', names)

    # flow(): 10 samples, batch 4, seed 3; and the training subset at validation_split 0.3 (samples 3..9).
    x = np.zeros((10, 2, 2, 1), dtype='float32')
    it = NumpyArrayIterator(x, None, ImageDataGenerator(), batch_size=4, shuffle=True, seed=3)
    out('array.batches', [','.join(str(i) for i in next(it.index_generator)) for _ in range(6)])
    y = np.array([0, 1, 2, 0, 1, 2, 0, 1, 2, 0])
    it = NumpyArrayIterator(x, y, ImageDataGenerator(validation_split=0.3), batch_size=4, seed=3, subset='training')
    out('arrayTraining.n', [it.n])
    out('arrayTraining.y', list(it.y))


if __name__ == '__main__':
    main()
