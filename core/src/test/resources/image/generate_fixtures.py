"""Generates the golden fixtures for ImageLoaderGoldenTest with Pillow 9.4 and keras_preprocessing 1.1.0.

Run from this folder:  python3 generate_fixtures.py   (needs Debian's python3-pil, python3-keras-preprocessing and
cjpeg, package libjpeg-turbo-progs, for the restart-marker and arithmetic-coded JPEGs that Pillow cannot write)
Writes the source images, cases.tsv (one line per load case) and expected.bin.gz (the expected uint8 HWC outputs of
load_img + img_to_array, concatenated; cases.tsv gives each one's offset, or -1 when only its SHA-256 is kept).
The hostile corpus (corpus/, written by corpus.py) covers every format and sample layout ConvScope reads: PNG of every
bit depth and colour type with and without tRNS, interlaced, damaged CRCs and a missing IEND; BMP 1/4/8/16/24/32-bit
and top-down; PNM P1-P6 with odd maxvals; TIFF 8/16/32-bit integer and float, CMYK, multipage; JPEG CMYK.
"""
import gzip
import hashlib
import io
import os
import struct
import subprocess
import zlib

import numpy as np
import corpus
import PIL
from PIL import Image, ImageOps
from keras_preprocessing.image import load_img, img_to_array

assert PIL.__version__.startswith("9.4"), PIL.__version__
FILTERS = {"NEAREST": Image.NEAREST, "BILINEAR": Image.BILINEAR, "BICUBIC": Image.BICUBIC,
           "LANCZOS": Image.LANCZOS, "BOX": Image.BOX, "HAMMING": Image.HAMMING}
MODES = {"RGB": "rgb", "GRAYSCALE": "grayscale", "RGBA": "rgba"}
RAW_LIMIT = 20000  # outputs larger than this many bytes are kept as SHA-256 only
rng = np.random.RandomState(20240521)


def noise_gradient(h, w, c):
    y, x = np.mgrid[0:h, 0:w]
    base = np.stack([(x * 255 // max(1, w - 1)), (y * 255 // max(1, h - 1)), ((x + y) * 7) % 256], -1)[..., :c]
    return np.clip(base + rng.randint(-60, 61, (h, w, c)), 0, 255).astype(np.uint8)


def photo(h, w):
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    r = 128 + 100 * np.sin(x / 37.0) * np.cos(y / 23.0)
    g = 128 + 90 * np.cos((x + y) / 51.0)
    b = 255 * ((x - w / 2) ** 2 + (y - h / 2) ** 2 < (h / 3) ** 2)
    img = np.stack([r, g, b], -1) + rng.normal(0, 6, (h, w, 3))
    img[100:140, 50:300] = [250, 20, 30]
    return np.clip(img, 0, 255).astype(np.uint8)


def raw_png(path, w, h, bitdepth, ctype, rows):
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    ihdr = struct.pack(">IIBBBBB", w, h, bitdepth, ctype, 0, 0, 0)
    data = b"".join(b"\x00" + r for r in rows)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(data)) + chunk(b"IEND", b""))


def write_sources():
    Image.fromarray(noise_gradient(23, 37, 3)).save("rgb_37x23.png")
    rgb = noise_gradient(45, 60, 3)
    Image.fromarray(rgb).save("rgb_60x45.jpg", quality=90)
    Image.fromarray(rgb).save("rgb_60x45_444.jpg", quality=95, subsampling=0)
    Image.fromarray(rgb).save("rgb_60x45_progressive.jpg", quality=85, progressive=True)
    Image.fromarray(noise_gradient(45, 60, 1)[..., 0]).save("grey_60x45.jpg", quality=90)
    Image.fromarray(noise_gradient(23, 37, 1)[..., 0]).save("grey_37x23.png")
    rgba = np.concatenate([noise_gradient(23, 37, 3), rng.randint(0, 256, (23, 37, 1)).astype(np.uint8)], -1)
    rgba[0, :5, 3] = 0
    rgba[1, :5, 3] = 255
    Image.fromarray(rgba, "RGBA").save("rgba_37x23.png")
    la = np.stack([noise_gradient(23, 37, 1)[..., 0], rng.randint(0, 256, (23, 37)).astype(np.uint8)], -1)
    Image.fromarray(la, "LA").save("la_37x23.png")
    pal = Image.fromarray(rng.randint(0, 16, (23, 37)).astype(np.uint8), "P")
    pal.putpalette(list(rng.randint(0, 256, 48)))
    pal.save("palette_37x23.png", transparency=bytes(list(rng.randint(0, 256, 16))))
    Image.fromarray((rng.rand(23, 37) > 0.5)).convert("1").save("bilevel_37x23.png")
    g16 = rng.randint(0, 600, (17, 23)).astype(">u2")
    g16[0, :3] = [0, 65535, 256]
    raw_png("grey16_23x17.png", 23, 17, 16, 0, [r.tobytes() for r in g16])
    c48 = rng.randint(0, 65536, (17, 23, 3)).astype(">u2")
    raw_png("rgb48_23x17.png", 23, 17, 16, 2, [r.tobytes() for r in c48])
    Image.fromarray(noise_gradient(23, 37, 3)).save("rgb_37x23.bmp")
    Image.fromarray(noise_gradient(23, 37, 3)).save("rgb_37x23.ppm")
    Image.fromarray(noise_gradient(23, 37, 3)).save("rgb_37x23.tif")
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90 clockwise to display
    Image.fromarray(noise_gradient(20, 40, 3)).save("exif_orientation6_40x20.jpg", quality=92, exif=exif)
    Image.fromarray(photo(375, 500)).save("photo_500x375.jpg", quality=75)
    upright = noise_gradient(20, 40, 3)
    for orientation in [2, 3, 4, 5, 7, 8]:
        exif = Image.Exif()
        exif[0x0112] = orientation
        Image.fromarray(upright).save("exif_orientation%d_40x20.jpg" % orientation, quality=92, exif=exif)
    # Pillow reads CMYK JPEGs with Adobe's inverted polarity and converts them with its cmyk2rgb
    cmyk = (np.arange(10 * 20 * 4).reshape(10, 20, 4) * 37 % 256).astype(np.uint8)
    Image.fromarray(cmyk, "CMYK").save("cmyk_20x10.jpg", quality=90)
    # restart markers and arithmetic coding, which Pillow cannot write
    Image.fromarray(rgb).save("_rgb_60x45.ppm")
    for name, args in [("rgb_60x45_restart.jpg", ["-restart", "1"]), ("rgb_60x45_arithmetic.jpg", ["-arithmetic"])]:
        subprocess.check_call(["cjpeg", "-quality", "90"] + args + ["-outfile", name, "_rgb_60x45.ppm"])
    os.remove("_rgb_60x45.ppm")


def keras_output(path, mode, size, interp, keep_aspect, honor_exif):
    if keep_aspect or honor_exif:
        img = Image.open(path)
        if honor_exif:
            img = ImageOps.exif_transpose(img)
        target = {"RGB": "RGB", "GRAYSCALE": "L", "RGBA": "RGBA"}[mode]
        if img.mode != target:
            img = img.convert(target)
        if size is not None and img.size != (size[1], size[0]):
            resample = FILTERS[interp]
            if keep_aspect:
                # keras master / TF>=2.9 load_img keep_aspect_ratio rule
                width, height = img.size
                tw, th = size[1], size[0]
                crop_h = min(height, (width * th) // tw)
                crop_w = min(width, (height * tw) // th)
                hs = int(float(height - crop_h) / 2)
                ws = int(float(width - crop_w) / 2)
                img = img.resize((tw, th), resample, box=[ws, hs, ws + crop_w, hs + crop_h])
            else:
                img = img.resize((size[1], size[0]), resample)
    else:
        img = load_img(path, color_mode=MODES[mode], target_size=size, interpolation=interp.lower())
    arr = img_to_array(img)
    assert arr.dtype == np.float32 and np.all(arr == np.round(arr)) and arr.min() >= 0 and arr.max() <= 255
    return arr.astype(np.uint8)


def cases():
    sources = ["rgb_37x23.png", "rgb_60x45.jpg", "rgb_60x45_444.jpg", "rgb_60x45_progressive.jpg", "grey_60x45.jpg",
               "grey_37x23.png", "rgba_37x23.png", "la_37x23.png", "palette_37x23.png", "bilevel_37x23.png",
               "grey16_23x17.png", "rgb48_23x17.png", "rgb_37x23.bmp", "rgb_37x23.ppm", "rgb_37x23.tif",
               "exif_orientation6_40x20.jpg"]
    for s in sources:
        for m in MODES:
            yield s, m, None, "NEAREST", False, False
    for s in ["rgb_37x23.png", "rgb_60x45.jpg"]:
        for size in [(11, 16), (40, 52), (23, 60), (5, 3), (1, 1)]:
            for f in FILTERS:
                yield s, "RGB", size, f, False, False
    for s in ["grey_37x23.png", "rgba_37x23.png", "la_37x23.png", "palette_37x23.png", "grey16_23x17.png"]:
        for f in FILTERS:
            yield s, "RGBA", (14, 19), f, False, False
            yield s, "GRAYSCALE", (30, 45), f, False, False
    for size in [(20, 20), (10, 30), (30, 12), (23, 37), (50, 40)]:
        for f in FILTERS:
            yield "rgb_37x23.png", "RGB", size, f, True, False
    yield "rgba_37x23.png", "RGBA", (20, 20), "BICUBIC", True, False
    for orientation in range(2, 9):
        yield "exif_orientation%d_40x20.jpg" % orientation, "RGB", None, "NEAREST", False, True
    yield "exif_orientation8_40x20.jpg", "RGB", None, "NEAREST", False, False
    yield "exif_orientation6_40x20.jpg", "RGBA", (10, 7), "BILINEAR", False, True
    yield "photo_500x375.jpg", "RGB", None, "NEAREST", False, False
    for f in FILTERS:
        yield "photo_500x375.jpg", "RGB", (150, 150), f, False, False
        yield "photo_500x375.jpg", "RGB", (150, 150), f, True, False
    yield "photo_500x375.jpg", "GRAYSCALE", (224, 224), "BILINEAR", False, False
    yield "photo_500x375.jpg", "RGB", (480, 640), "BICUBIC", False, False
    # NEAREST straight from libjpeg-turbo's buffer: grey, upsampling, crops, progressive, 4:4:4, one column short
    yield "grey_60x45.jpg", "GRAYSCALE", (30, 40), "NEAREST", False, False
    yield "grey_60x45.jpg", "GRAYSCALE", (90, 70), "NEAREST", True, False
    yield "rgb_60x45.jpg", "RGB", (90, 100), "NEAREST", False, False
    yield "rgb_60x45_progressive.jpg", "RGB", (20, 20), "NEAREST", True, False
    yield "rgb_60x45_444.jpg", "RGB", (45, 61), "NEAREST", False, False
    yield "photo_500x375.jpg", "RGB", (375, 499), "NEAREST", False, False
    for s in ["rgb_60x45_restart.jpg", "rgb_60x45_arithmetic.jpg"]:
        for m in MODES:
            yield s, m, None, "NEAREST", False, False
        yield s, "RGB", (30, 40), "NEAREST", False, False
        yield s, "RGB", (90, 100), "BILINEAR", False, False
    for m in MODES:
        yield "cmyk_20x10.jpg", m, None, "NEAREST", False, False
    yield "cmyk_20x10.jpg", "RGB", (7, 9), "NEAREST", False, False
    yield "cmyk_20x10.jpg", "RGB", (15, 30), "BILINEAR", False, False
    for s in corpus.SOURCES:
        for m in MODES:
            yield s, m, None, "NEAREST", False, False


def main():
    write_sources()
    corpus.write()
    blob = io.BytesIO()
    lines = ["# source\tcolorMode\theight\twidth\tinterpolation\tkeepAspectRatio\thonorExif\toutH\toutW\toutC"
             "\toffset\tsha256"]
    for s, m, size, f, keep, exif in cases():
        out = keras_output(s, m, size, f, keep, exif)
        raw = out.tobytes()
        offset = -1
        if len(raw) <= RAW_LIMIT:
            offset = blob.tell()
            blob.write(raw)
        h, w = size if size else (0, 0)
        lines.append("\t".join(map(str, [s, m, h, w, f, str(keep).lower(), str(exif).lower(), *out.shape, offset,
                                          hashlib.sha256(raw).hexdigest()])))
    with open("cases.tsv", "w") as fh:
        fh.write("\n".join(lines) + "\n")
    with gzip.GzipFile("expected.bin.gz", "wb", mtime=0) as gz:
        gz.write(blob.getvalue())


if __name__ == "__main__":
    main()
