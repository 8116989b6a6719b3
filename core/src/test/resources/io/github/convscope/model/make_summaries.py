"""Expected Keras 2 model.summary() texts for the lecture's two models, without TensorFlow.

print_row / print_summary below are the logic of tf.keras 2.0's keras/utils/layer_utils.py for a Sequential
model (line_length 65, positions [.45, .85, 1.]); shapes and parameter counts follow Keras's layer rules
(conv_utils.conv_output_length: 'same' -> ceil(n / s), 'valid' -> floor((n - k) / s) + 1).
Run: python3 make_summaries.py  (writes lecture_baseline_summary.txt and lecture_dropout_summary.txt)
"""
import math


def conv_len(n, k, s, padding):
    return math.ceil(n / s) if padding == 'same' else (n - k) // s + 1


def build(layers, input_shape):
    counters, rows, shape = {}, [], input_shape
    for kind, prefix, args in layers:
        n = counters.get(prefix, 0)
        counters[prefix] = n + 1
        name = prefix if n == 0 else '%s_%d' % (prefix, n)
        if kind == 'Conv2D':
            filters, k, padding = args
            out = (conv_len(shape[0], k, 1, padding), conv_len(shape[1], k, 1, padding), filters)
            params = k * k * shape[2] * filters + filters
        elif kind == 'MaxPooling2D':
            out = (conv_len(shape[0], 2, 2, 'valid'), conv_len(shape[1], 2, 2, 'valid'), shape[2])
            params = 0
        elif kind == 'Dropout':
            out, params = shape, 0
        elif kind == 'Flatten':
            out, params = (shape[0] * shape[1] * shape[2],), 0
        elif kind == 'Dense':
            out, params = (args[0],), shape[0] * args[0] + args[0]
        rows.append((name, kind, (None,) + tuple(out), params))
        shape = out
    return rows


def print_summary(rows, lines, line_length=65, positions=(.45, .85, 1.)):
    positions = [int(line_length * p) for p in positions]

    def print_row(fields):
        line = ''
        for i in range(len(fields)):
            if i > 0:
                line = line[:-1] + ' '
            line += str(fields[i])
            line = line[:positions[i]]
            line += ' ' * (positions[i] - len(line))
        lines.append(line)

    lines.append('Model: "sequential"')
    lines.append('_' * line_length)
    print_row(['Layer (type)', 'Output Shape', 'Param #'])
    lines.append('=' * line_length)
    for i, (name, cls, shape, params) in enumerate(rows):
        print_row([name + ' (' + cls + ')', shape, params])
        lines.append(('=' if i == len(rows) - 1 else '_') * line_length)
    total = sum(r[3] for r in rows)
    lines.append('Total params: {:,}'.format(total))
    lines.append('Trainable params: {:,}'.format(total))
    lines.append('Non-trainable params: {:,}'.format(0))
    lines.append('_' * line_length)


CONV = lambda f: ('Conv2D', 'conv2d', (f, 3, 'same'))
POOL = ('MaxPooling2D', 'max_pooling2d', ())
DROP = lambda r: ('Dropout', 'dropout', (r,))
baseline = [CONV(16), POOL, CONV(32), POOL, CONV(64), POOL, ('Flatten', 'flatten', ()),
            ('Dense', 'dense', (512,)), ('Dense', 'dense', (1,))]
dropout = [CONV(16), POOL, DROP(0.3), CONV(32), POOL, CONV(64), POOL, DROP(0.3), ('Flatten', 'flatten', ()),
           ('Dense', 'dense', (512,)), DROP(0.1), ('Dense', 'dense', (1,))]
for rows, path in ((baseline, 'lecture_baseline_summary.txt'), (dropout, 'lecture_dropout_summary.txt')):
    lines = []
    print_summary(build(rows, (150, 150, 3)), lines)
    with open(path, 'w') as f:
        f.write('\n'.join(lines))
