"""Golden fixtures for the augment tests, worked out once with the Keras reference.

Run with the Python that has keras_preprocessing 1.1.0, SciPy 1.10, NumPy 1.24 and Pillow 9.4
(Debian's python3-keras-preprocessing), from this folder:  python3 make_golden.py
Arrays are raw little-endian float32 in C order (NHWC / HWC); text files list parameters with repr() floats.
The Java tests never run this script.
"""
import os
import numpy as np
from PIL import Image
from keras_preprocessing.image import ImageDataGenerator

HERE = os.path.dirname(os.path.abspath(__file__))


def save(name, array):
    np.asarray(array, dtype='<f4').tofile(os.path.join(HERE, name))


def test_images():
    rs = np.random.RandomState(1234)
    rgb = rs.randint(0, 256, size=(23, 31, 3)).astype(np.float32)
    gray = rs.randint(0, 256, size=(23, 31, 1)).astype(np.float32)
    return rgb, gray


# One line per case: name image fill order cval theta tx ty shear zx zy fh fv channel_shift brightness
CASES = [
    ('identity', 'rgb', 'nearest', 1, 0.0, dict()),
    ('rot17_nearest_o1', 'rgb', 'nearest', 1, 0.0, dict(theta=17.0)),
    ('rot45_nearest_o1', 'rgb', 'nearest', 1, 0.0, dict(theta=45.0)),
    ('rot90_nearest_o0', 'rgb', 'nearest', 0, 0.0, dict(theta=90.0)),
    ('rot_neg33_reflect_o1', 'rgb', 'reflect', 1, 0.0, dict(theta=-33.3)),
    ('tx_only', 'rgb', 'nearest', 1, 0.0, dict(tx=3.4)),
    ('ty_only', 'rgb', 'nearest', 1, 0.0, dict(ty=-4.65)),
    ('tx_int_pixels', 'rgb', 'constant', 1, 0.0, dict(tx=2, ty=-3)),
    ('shear_only', 'rgb', 'nearest', 1, 0.0, dict(shear=12.5)),
    ('zoom_in', 'rgb', 'nearest', 1, 0.0, dict(zx=0.7, zy=0.85)),
    ('zoom_out_const', 'rgb', 'constant', 1, 0.0, dict(zx=1.4, zy=1.25)),
    ('zoom_x_only', 'rgb', 'wrap', 1, 0.0, dict(zx=1.3)),
    ('combo_nearest_o1', 'rgb', 'nearest', 1, 0.0, dict(theta=17.0, tx=2.3, ty=-3.1, shear=8.0, zx=0.9, zy=1.15)),
    ('combo_reflect_o1', 'rgb', 'reflect', 1, 0.0, dict(theta=17.0, tx=2.3, ty=-3.1, shear=8.0, zx=0.9, zy=1.15)),
    ('combo_wrap_o1', 'rgb', 'wrap', 1, 0.0, dict(theta=17.0, tx=2.3, ty=-3.1, shear=8.0, zx=0.9, zy=1.15)),
    ('combo_constant_o1', 'rgb', 'constant', 1, 17.5, dict(theta=17.0, tx=2.3, ty=-3.1, shear=8.0, zx=0.9, zy=1.15)),
    ('combo_nearest_o0', 'rgb', 'nearest', 0, 0.0, dict(theta=17.0, tx=2.3, ty=-3.1, shear=8.0, zx=0.9, zy=1.15)),
    ('combo_reflect_o0', 'rgb', 'reflect', 0, 0.0, dict(theta=-21.0, tx=-1.7, ty=4.2, shear=-5.0, zx=1.2, zy=0.8)),
    ('combo_wrap_o0', 'rgb', 'wrap', 0, 0.0, dict(theta=-21.0, tx=-1.7, ty=4.2, shear=-5.0, zx=1.2, zy=0.8)),
    ('combo_constant_o0', 'rgb', 'constant', 0, 255.0, dict(theta=-21.0, tx=-1.7, ty=4.2, shear=-5.0, zx=1.2, zy=0.8)),
    ('big_shift_wrap', 'rgb', 'wrap', 1, 0.0, dict(tx=-40.5, ty=70.25)),
    ('big_shift_reflect', 'rgb', 'reflect', 1, 0.0, dict(tx=50.5, ty=-75.75)),
    ('channel_shift_up', 'rgb', 'nearest', 1, 0.0, dict(channel_shift_intensity=40.7)),
    ('channel_shift_down', 'rgb', 'nearest', 1, 0.0, dict(channel_shift_intensity=-90.2)),
    ('flip_h', 'rgb', 'nearest', 1, 0.0, dict(flip_horizontal=1)),
    ('flip_v', 'rgb', 'nearest', 1, 0.0, dict(flip_vertical=1)),
    ('flip_both_rot', 'rgb', 'nearest', 1, 0.0, dict(theta=10.0, flip_horizontal=1, flip_vertical=1)),
    ('brightness_dark', 'rgb', 'nearest', 1, 0.0, dict(brightness=0.45)),
    ('brightness_one', 'rgb', 'nearest', 1, 0.0, dict(brightness=1.0)),
    ('brightness_bright', 'rgb', 'nearest', 1, 0.0, dict(brightness=1.73)),
    ('everything', 'rgb', 'reflect', 1, 0.0, dict(theta=-12.0, tx=1.5, ty=2.5, shear=4.0, zx=1.1, zy=0.95,
                                                  channel_shift_intensity=-20.0, flip_horizontal=1,
                                                  flip_vertical=1, brightness=0.8)),
    ('gray_combo_o1', 'gray', 'nearest', 1, 0.0, dict(theta=33.0, tx=-2.2, ty=1.9, shear=-7.0, zx=1.1, zy=0.9)),
    ('gray_combo_o0_const', 'gray', 'constant', 0, 9.0, dict(theta=33.0, tx=-2.2, ty=1.9, zx=1.1, zy=0.9)),
    ('gray_brightness_shift', 'gray', 'wrap', 1, 0.0, dict(theta=5.0, channel_shift_intensity=30.0, brightness=1.2)),
]

KEYS = ['theta', 'tx', 'ty', 'shear', 'zx', 'zy', 'flip_horizontal', 'flip_vertical',
        'channel_shift_intensity', 'brightness']
DEFAULTS = dict(theta=0, tx=0, ty=0, shear=0, zx=1, zy=1, flip_horizontal=0, flip_vertical=0,
                channel_shift_intensity=None, brightness=None)


def apply_transform_cases():
    rgb, gray = test_images()
    save('image_rgb_23x31x3.bin', rgb)
    save('image_gray_23x31x1.bin', gray)
    lines = ['# name image fill_mode order cval ' + ' '.join(KEYS)]
    outputs = []
    for name, image, fill, order, cval, params in CASES:
        gen = ImageDataGenerator(fill_mode=fill, cval=cval, interpolation_order=order)
        x = (rgb if image == 'rgb' else gray).copy()
        out = gen.apply_transform(x, params)
        outputs.append(np.asarray(out, dtype=np.float32).reshape(-1))
        values = [repr(float(params.get(k, DEFAULTS[k]))) if params.get(k, DEFAULTS[k]) is not None else 'None'
                  for k in KEYS]
        lines.append(' '.join([name, image, fill, str(order), repr(cval)] + values))
    save('apply_transform_outputs.bin', np.concatenate(outputs))
    with open(os.path.join(HERE, 'apply_transform_cases.txt'), 'w') as f:
        f.write('\n'.join(lines) + '\n')


# get_random_transform: name, generator kwargs, shape
RANDOM_CONFIGS = [
    ('width_fraction', dict(width_shift_range=0.15)),
    ('height_fraction', dict(height_shift_range=0.15)),
    ('width_pixels_float', dict(width_shift_range=3.0)),
    ('width_int2', dict(width_shift_range=2)),
    ('width_int1', dict(width_shift_range=1)),
    ('height_int5', dict(height_shift_range=5)),
    ('width_list_fraction', dict(width_shift_range=[0.1, 0.2])),
    ('height_list_pixels', dict(height_shift_range=[5, 10, 20])),
    ('rotation', dict(rotation_range=45)),
    ('shear', dict(shear_range=20)),
    ('zoom_scalar', dict(zoom_range=0.5)),
    ('zoom_pair', dict(zoom_range=[0.8, 1.3])),
    ('flips', dict(horizontal_flip=True, vertical_flip=True)),
    ('channel_shift', dict(channel_shift_range=50.0)),
    ('brightness', dict(brightness_range=[0.5, 1.5])),
    ('lecture', dict(rescale=1. / 255, rotation_range=45, width_shift_range=.15, height_shift_range=.15,
                     horizontal_flip=True, zoom_range=.5)),
    ('everything', dict(rotation_range=30, width_shift_range=[3, 6], height_shift_range=0.1, shear_range=10,
                        zoom_range=[0.9, 1.2], horizontal_flip=True, vertical_flip=True,
                        channel_shift_range=20.0, brightness_range=(0.7, 1.3))),
]


def random_transform_cases():
    lines = ['# config shape seed draw ' + ' '.join(KEYS)]
    for name, kwargs in RANDOM_CONFIGS:
        gen = ImageDataGenerator(**kwargs)
        for shape in [(150, 150, 3), (23, 31, 3)]:
            for seed in [0, 1, 42, 12345]:
                params = gen.get_random_transform(shape, seed=seed)
                rows = [params]
                for _ in range(3):  # further draws from the same stream, no reseed
                    rows.append(gen.get_random_transform(shape))
                for k, p in enumerate(rows):
                    values = [repr(float(p[key])) if p[key] is not None else 'None' for key in KEYS]
                    lines.append(' '.join([name, 'x'.join(map(str, shape)), str(seed), str(k)] + values))
    with open(os.path.join(HERE, 'random_transform_cases.txt'), 'w') as f:
        f.write('\n'.join(lines) + '\n')


def standardize_cases():
    rgb, gray = test_images()
    out = []
    # 1 rescale only
    out.append(ImageDataGenerator(rescale=1. / 255).standardize(rgb.copy()))
    # 2 preprocessing function then rescale
    out.append(ImageDataGenerator(rescale=0.5, preprocessing_function=lambda x: x * 2.0 - 7.0)
               .standardize(rgb.copy()))
    # 3 samplewise centre and std after rescale
    out.append(ImageDataGenerator(rescale=1. / 255, samplewise_center=True, samplewise_std_normalization=True)
               .standardize(rgb.copy()))
    # 4 samplewise centre only on the gray image
    out.append(ImageDataGenerator(samplewise_center=True).standardize(gray.copy()))
    save('standardize_outputs.bin', np.concatenate([np.asarray(o, np.float32).reshape(-1) for o in out]))

    rs = np.random.RandomState(99)
    fit_x = rs.randint(0, 256, size=(6, 5, 7, 3)).astype(np.float32)
    save('fit_x_6x5x7x3.bin', fit_x)
    lines = []
    gen = ImageDataGenerator(featurewise_center=True, featurewise_std_normalization=True, rescale=1. / 255)
    gen.fit(fit_x)
    lines.append('featurewise mean ' + ' '.join(repr(float(v)) for v in gen.mean.reshape(-1)))
    lines.append('featurewise std ' + ' '.join(repr(float(v)) for v in gen.std.reshape(-1)))
    feat_out = gen.standardize(fit_x[2].copy())
    aug = ImageDataGenerator(featurewise_center=True, featurewise_std_normalization=True, rotation_range=30,
                             width_shift_range=0.2, horizontal_flip=True, zoom_range=0.2)
    aug.fit(fit_x, augment=True, rounds=2, seed=7)
    lines.append('augmented mean ' + ' '.join(repr(float(v)) for v in aug.mean.reshape(-1)))
    lines.append('augmented std ' + ' '.join(repr(float(v)) for v in aug.std.reshape(-1)))
    gray_x = rs.randint(0, 256, size=(4, 5, 7, 1)).astype(np.float32)
    save('fit_gray_4x5x7x1.bin', gray_x)
    g = ImageDataGenerator(featurewise_std_normalization=True)
    g.fit(gray_x)
    lines.append('gray mean ' + ' '.join(repr(float(v)) for v in g.mean.reshape(-1)))
    lines.append('gray std ' + ' '.join(repr(float(v)) for v in g.std.reshape(-1)))
    zca_x = rs.randint(0, 256, size=(40, 3, 4, 2)).astype(np.float32)
    save('zca_x_40x3x4x2.bin', zca_x)
    z = ImageDataGenerator(zca_whitening=True, zca_epsilon=1e-2)
    z.fit(zca_x)
    lines.append('zca mean ' + ' '.join(repr(float(v)) for v in z.mean.reshape(-1)))
    save('zca_principal_components_24x24.bin', z.principal_components)
    zca_out = z.standardize(zca_x[3].copy())
    save('fit_outputs.bin', np.concatenate([np.asarray(feat_out, np.float32).reshape(-1),
                                            np.asarray(zca_out, np.float32).reshape(-1)]))
    with open(os.path.join(HERE, 'fit_values.txt'), 'w') as f:
        f.write('\n'.join(lines) + '\n')


def directory_cases():
    root = os.path.join(HERE, 'folder')
    rs = np.random.RandomState(2024)
    for cls, count in [('cats', 6), ('dogs', 5)]:
        os.makedirs(os.path.join(root, cls), exist_ok=True)
        for i in range(count):
            base = rs.randint(0, 256, size=(20, 24, 3)).astype(np.uint8)
            Image.fromarray(base, 'RGB').save(os.path.join(root, cls, '%s_%d.png' % (cls, i)))
    lecture = ImageDataGenerator(rescale=1. / 255, rotation_range=45, width_shift_range=.15,
                                 height_shift_range=.15, horizontal_flip=True, zoom_range=.5)
    it = lecture.flow_from_directory(root, target_size=(20, 24), batch_size=4, class_mode='binary', seed=3)
    xs, ys = [], []
    for _ in range(3):
        x, y = next(it)
        xs.append(x.reshape(-1))
        ys.append(y.reshape(-1))
    save('directory_lecture_x.bin', np.concatenate(xs))
    save('directory_lecture_y.bin', np.concatenate(ys))
    # augmented training and plain validation from one folder: two generators, one validation_split
    train_gen = ImageDataGenerator(rescale=1. / 255, validation_split=0.4, rotation_range=20,
                                   width_shift_range=2, fill_mode='reflect', horizontal_flip=True)
    valid_gen = ImageDataGenerator(rescale=1. / 255, validation_split=0.4)
    train = train_gen.flow_from_directory(root, target_size=(20, 24), batch_size=3, class_mode='categorical',
                                          seed=11, subset='training')
    valid = valid_gen.flow_from_directory(root, target_size=(20, 24), batch_size=3, class_mode='categorical',
                                          shuffle=False, subset='validation')
    xs, ys = [], []
    for _ in range(3):
        x, y = next(train)
        xs.append(x.reshape(-1))
        ys.append(y.reshape(-1))
    save('directory_train_x.bin', np.concatenate(xs))
    save('directory_train_y.bin', np.concatenate(ys))
    x, y = next(valid)
    save('directory_valid_x.bin', x)
    save('directory_valid_y.bin', y)
    with open(os.path.join(HERE, 'directory_filenames.txt'), 'w') as f:
        f.write('train ' + ' '.join(train.filenames) + '\n')
        f.write('valid ' + ' '.join(valid.filenames) + '\n')
    # flow over arrays with the same lecture generator
    arr = np.stack([np.asarray(Image.open(os.path.join(root, p)), np.float32)
                    for p in it.filenames])
    labels = np.asarray(it.classes, np.float32)
    fl = lecture.flow(arr, labels, batch_size=4, seed=5)
    xs = []
    ys = []
    for _ in range(3):
        x, y = next(fl)
        xs.append(x.reshape(-1))
        ys.append(y.reshape(-1))
    save('flow_lecture_x.bin', np.concatenate(xs))
    save('flow_lecture_y.bin', np.concatenate(ys))


if __name__ == '__main__':
    apply_transform_cases()
    random_transform_cases()
    standardize_cases()
    directory_cases()
