"""The hostile corpus of ImageLoaderGoldenTest: every format and sample layout ConvScope reads, tiny (7x5 or 11x5).

Imported by generate_fixtures.py, which loads each file with Keras's load_img in every colour mode and keeps
Pillow's pixels. Files Pillow cannot write (bit depths, headers, damage) are written byte by byte here.
"""
import os
import struct
import zlib

import numpy as np
from PIL import Image

DIR = "corpus"
rng = np.random.RandomState(15)
W, H = 7, 5
SOURCES = []


def _out(name):
    SOURCES.append(DIR + "/" + name)
    return os.path.join(DIR, name)


# ---------------------------------------------------------------- PNG, written chunk by chunk

def _chunk(kind, data, crc_fix=0):
    crc = (zlib.crc32(kind + data) ^ crc_fix) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def _pack_row(samples, depth):
    """One row of samples (ints) packed big-endian at `depth` bits, MSB first, padded to a byte."""
    if depth == 16:
        return np.asarray(samples, ">u2").tobytes()
    if depth == 8:
        return np.asarray(samples, np.uint8).tobytes()
    bits = "".join(format(int(v), "0%db" % depth) for v in samples)
    bits += "0" * (-len(bits) % 8)
    return bytes(int(bits[i:i + 8], 2) for i in range(0, len(bits), 8))


ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def _scanlines(pixels, depth, interlace):
    """pixels: H x W x C array of samples; filter type 0 on every line."""
    h, w = pixels.shape[:2]
    if not interlace:
        return b"".join(b"\x00" + _pack_row(pixels[y].reshape(-1), depth) for y in range(h))
    out = b""
    for x0, y0, dx, dy in ADAM7:
        sub = pixels[y0::dy, x0::dx]
        if sub.shape[0] == 0 or sub.shape[1] == 0:
            continue
        out += b"".join(b"\x00" + _pack_row(sub[y].reshape(-1), depth) for y in range(sub.shape[0]))
    return out


def png(name, pixels, depth, ctype, palette=None, trns=None, interlace=False, damage=None):
    h, w = pixels.shape[:2]
    body = _chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, ctype, 0, 0, 1 if interlace else 0))
    if palette is not None:
        body += _chunk(b"PLTE", bytes(int(v) for v in palette))
    if trns is not None:
        body += _chunk(b"tRNS", trns)
    data = zlib.compress(_scanlines(pixels, depth, interlace))
    if damage == "idat_crc":
        body += _chunk(b"IDAT", data, crc_fix=0x1234)
    elif damage == "split_idat_crc":
        body += _chunk(b"IDAT", data[:10]) + _chunk(b"IDAT", data[10:], crc_fix=1)
    else:
        body += _chunk(b"IDAT", data)
    if damage == "text_crc_after":
        body += _chunk(b"tEXt", b"Comment\x00after the image", crc_fix=7)
    if damage not in ("no_iend", "cut_after_idat"):
        body += _chunk(b"IEND", b"")
    if damage == "cut_after_idat":
        body += b"\x00\x00\x00\x0cIE"  # a next chunk cut inside its header
    with open(_out(name), "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + body)


def write_png():
    for depth in (1, 2, 4, 8, 16):
        g = rng.randint(0, 1 << depth, (H, 11, 1))
        png("grey%d.png" % depth, g, depth, 0)
        key = int(g[0, 0, 0])
        png("grey%d_trns.png" % depth, g, depth, 0, trns=struct.pack(">H", key))
    g = rng.randint(0, 600, (H, W, 1))
    g[0, :3, 0] = [3, 3, 70]
    png("grey16_trns_low.png", g, 16, 0, trns=struct.pack(">H", 3))  # Pillow compares the clipped value with 3
    for depth in (8, 16):
        c = rng.randint(0, 1 << depth, (H, W, 3))
        png("rgb%d.png" % depth, c, depth, 2)
        key = [int(v) for v in c[1, 2]]
        png("rgb%d_trns.png" % depth, c, depth, 2, trns=struct.pack(">HHH", *key))
    c = rng.randint(0, 1 << 16, (H, W, 3))
    c[0, :3] = [[5, 9, 200], [5, 9, 200], [300, 9, 200]]
    # a 16-bit key below 256: Pillow compares it with the 8-bit pixel, OpenCV (libpng) with the 16-bit one
    png("rgb16_trns_low.png", c, 16, 2, trns=struct.pack(">HHH", 0, 0, 0))
    for depth in (1, 2, 4, 8):
        n = 1 << depth
        idx = rng.randint(0, n, (H, 11, 1))
        pal = rng.randint(0, 256, n * 3)
        png("palette%d.png" % depth, idx, depth, 3, palette=pal)
        alpha = rng.randint(0, 256, max(1, n // 2 + 1) if n > 2 else 1)
        png("palette%d_trns.png" % depth, idx, depth, 3, palette=pal, trns=bytes(list(alpha)))
    for depth in (8, 16):
        png("la%d.png" % depth, rng.randint(0, 1 << depth, (H, W, 2)), depth, 4)
        png("rgba%d.png" % depth, rng.randint(0, 1 << depth, (H, W, 4)), depth, 6)
    big = rng.randint(0, 256, (11, 13, 3))
    png("rgb8_interlaced.png", big, 8, 2, interlace=True)
    png("grey1_interlaced.png", rng.randint(0, 2, (11, 13, 1)), 1, 0, interlace=True)
    idx = rng.randint(0, 16, (11, 13, 1))
    png("palette4_trns_interlaced.png", idx, 4, 3, palette=rng.randint(0, 256, 48), trns=bytes(range(0, 240, 30)),
        interlace=True)
    png("rgba16_interlaced.png", rng.randint(0, 1 << 16, (11, 13, 4)), 16, 6, interlace=True)
    g = rng.randint(0, 256, (11, 13, 1))
    png("grey16_trns_interlaced.png", g, 16, 0, trns=struct.pack(">H", int(g[0, 0, 0])), interlace=True)
    c = rng.randint(0, 256, (H, W, 3))
    png("damaged_idat_crc.png", c, 8, 2, damage="idat_crc")
    png("damaged_split_idat_crc.png", c, 8, 2, damage="split_idat_crc")
    png("damaged_no_iend.png", c, 8, 2, damage="no_iend")
    png("damaged_cut_after_idat.png", c, 8, 2, damage="cut_after_idat")
    png("damaged_text_crc_after_idat.png", c, 8, 2, damage="text_crc_after")


# ---------------------------------------------------------------- BMP

def bmp(name, rows, bits, palette=None, compression=0, masks=None, top_down=False, v4=False, width=W):
    """rows: list of H rows of raw packed pixel bytes (top row first); padded to 4 bytes here."""
    h = len(rows)
    stride = (width * bits + 31) // 32 * 4
    data = b"".join(r + b"\x00" * (stride - len(r)) for r in (rows if top_down else rows[::-1]))
    header_size = 108 if v4 else 40
    extra = b""
    if masks is not None:
        extra = b"".join(struct.pack("<I", m) for m in masks)
        if v4:
            extra = extra + b"\x00" * (108 - 40 - len(extra))
        elif len(masks) > 3:
            raise ValueError("alpha mask needs a v4 header")
    elif v4:
        extra = b"\x00" * (108 - 40)
    pal = b"" if palette is None else b"".join(bytes([b, g, r, 0]) for r, g, b in palette)
    colours = 0 if palette is None else len(palette)
    info = struct.pack("<IiiHHIIiiII", header_size, width, -h if top_down else h, 1, bits, compression, len(data),
                       2835, 2835, colours, 0)
    offset = 14 + len(info) + len(extra) + len(pal)
    head = b"BM" + struct.pack("<IHHI", offset + len(data), 0, 0, offset)
    with open(_out(name), "wb") as f:
        f.write(head + info + extra + pal + data)


def write_bmp():
    Image.fromarray(rng.rand(H, 11) > 0.5).convert("1").save(_out("bmp1_pillow.bmp"))
    idx = rng.randint(0, 2, (H, 11))
    bmp("bmp1_colour.bmp", [_pack_row(r, 1) for r in idx], 1, palette=[(200, 30, 40), (10, 220, 90)], width=11)
    idx = rng.randint(0, 16, (H, W))
    pal16 = [tuple(int(v) for v in rng.randint(0, 256, 3)) for _ in range(16)]
    bmp("bmp4.bmp", [_pack_row(r, 4) for r in idx], 4, palette=pal16)
    pal_img = Image.fromarray(rng.randint(0, 40, (H, W)).astype(np.uint8), "P")
    pal_img.putpalette(list(rng.randint(0, 256, 120)))
    pal_img.save(_out("bmp8_palette.bmp"))
    Image.fromarray(rng.randint(0, 256, (H, W)).astype(np.uint8), "L").save(_out("bmp8_grey.bmp"))
    idx = rng.randint(0, 16, (H, W))
    bmp("bmp8_topdown.bmp", [bytes(int(v) for v in r) for r in idx], 8, palette=pal16, top_down=True)
    v16 = rng.randint(0, 1 << 16, (H, W))
    v16[0, :4] = [0xFFFF, 0x7FFF, 0x0421, 0x0000]
    rows16 = [np.asarray(r, "<u2").tobytes() for r in v16]
    bmp("bmp16_555.bmp", rows16, 16)
    bmp("bmp16_555_bitfields.bmp", rows16, 16, compression=3, masks=(0x7C00, 0x3E0, 0x1F))
    bmp("bmp16_565_bitfields.bmp", rows16, 16, compression=3, masks=(0xF800, 0x7E0, 0x1F))
    bmp("bmp16_565_topdown.bmp", rows16, 16, compression=3, masks=(0xF800, 0x7E0, 0x1F), top_down=True)
    Image.fromarray(rng.randint(0, 256, (H, W, 3)).astype(np.uint8)).save(_out("bmp24_pillow.bmp"))
    rgb = rng.randint(0, 256, (H, W, 3)).astype(np.uint8)
    bmp("bmp24_topdown.bmp", [r[:, ::-1].tobytes() for r in rgb], 24, top_down=True)
    bgrx = rng.randint(0, 256, (H, W, 4)).astype(np.uint8)
    bmp("bmp32.bmp", [r.tobytes() for r in bgrx], 32)
    bmp("bmp32_bitfields_alpha.bmp", [r.tobytes() for r in bgrx], 32, compression=3,
        masks=(0xFF0000, 0xFF00, 0xFF, 0xFF000000), v4=True)


# ---------------------------------------------------------------- PNM

def pnm(name, magic, w, h, maxval, data):
    head = b"%s\n# a comment\n%d %d\n" % (magic, w, h)
    if maxval is not None:
        head += b"%d\n" % maxval
    with open(_out(name), "wb") as f:
        f.write(head + data)


def write_pnm():
    bits = rng.randint(0, 2, (H, 11))
    pnm("p1.pbm", b"P1", 11, H, None, b"\n".join(b"".join(b"%d" % v for v in r) for r in bits) + b"\n")
    pnm("p4.pbm", b"P4", 11, H, None, b"".join(_pack_row(r, 1) for r in bits))
    for maxval in (1, 100, 255, 1000, 65535):
        g = rng.randint(0, maxval + 1, (H, W))
        pnm("p2_max%d.pgm" % maxval, b"P2", W, H, maxval, b"\n".join(b" ".join(b"%d" % v for v in r) for r in g))
        raw = g.astype(np.uint8 if maxval < 256 else ">u2").tobytes()
        pnm("p5_max%d.pgm" % maxval, b"P5", W, H, maxval, raw)
    for maxval in (100, 65535):
        c = rng.randint(0, maxval + 1, (H, W, 3))
        pnm("p3_max%d.ppm" % maxval, b"P3", W, H, maxval,
            b"\n".join(b" ".join(b"%d" % v for v in r.reshape(-1)) for r in c) + b"\n")
    for maxval in (100, 255, 1000, 65535):
        c = rng.randint(0, maxval + 1, (H, W, 3))
        pnm("p6_max%d.ppm" % maxval, b"P6", W, H, maxval, c.astype(np.uint8 if maxval < 256 else ">u2").tobytes())


# ---------------------------------------------------------------- TIFF

def write_tiff():
    Image.fromarray(rng.randint(0, 256, (H, W)).astype(np.uint8), "L").save(_out("tif_grey8.tif"))
    Image.fromarray(rng.randint(0, 256, (H, W, 3)).astype(np.uint8)).save(_out("tif_rgb8_lzw.tif"),
                                                                          compression="tiff_lzw")
    Image.fromarray(rng.randint(0, 256, (H, W, 3)).astype(np.uint8)).save(_out("tif_rgb8_deflate.tif"),
                                                                          compression="tiff_adobe_deflate")
    Image.fromarray(rng.randint(0, 256, (H, W, 3)).astype(np.uint8)).save(_out("tif_rgb8_packbits.tif"),
                                                                          compression="packbits")
    Image.fromarray(rng.randint(0, 256, (H, W, 4)).astype(np.uint8), "RGBA").save(_out("tif_rgba8.tif"))
    g16 = rng.randint(0, 700, (H, W)).astype(np.uint16)
    g16[0, 0] = 65535
    Image.fromarray(g16).save(_out("tif_grey16.tif"))  # mode I;16
    i32 = rng.randint(-400, 70000, (H, W)).astype(np.int32)
    Image.fromarray(i32, "I").save(_out("tif_grey32_int.tif"))
    f32 = (rng.rand(H, W) * 400 - 60).astype(np.float32)
    f32[0, :5] = [-0.5, 0.99, 254.99, 255.0, 1e9]
    Image.fromarray(f32, "F").save(_out("tif_grey32_float.tif"))
    cmyk = rng.randint(0, 256, (H, W, 4)).astype(np.uint8)
    Image.fromarray(cmyk, "CMYK").save(_out("tif_cmyk.tif"))
    first = Image.fromarray(rng.randint(0, 256, (H, W, 3)).astype(np.uint8))
    second = Image.fromarray(rng.randint(0, 256, (H + 2, W + 1, 3)).astype(np.uint8))
    first.save(_out("tif_multipage.tif"), save_all=True, append_images=[second])
    Image.fromarray(rng.rand(H, 11) > 0.5).convert("1").save(_out("tif_bilevel.tif"))
    pal = Image.fromarray(rng.randint(0, 20, (H, W)).astype(np.uint8), "P")
    pal.putpalette(list(rng.randint(0, 256, 60)))
    pal.save(_out("tif_palette.tif"))


# ---------------------------------------------------------------- CMYK and unassociated alpha, compressed

def write_cmyk_and_alpha():
    """Pillow keeps these samples as stored (CMYK through its cmyk2rgb, Adobe-inverted for JPEG), where OpenCV's
    libtiff and libjpeg convert them their own way. A generator of its own, so the files above stay as they were."""
    r = np.random.RandomState(1515)
    cmyk = r.randint(0, 256, (H, 11, 4)).astype(np.uint8)
    cmyk[0, :4] = [[0, 0, 0, 0], [255, 255, 255, 255], [1, 128, 254, 3], [200, 100, 50, 128]]
    Image.fromarray(cmyk, "CMYK").save(_out("tif_cmyk_lzw.tif"), compression="tiff_lzw")
    Image.fromarray(cmyk, "CMYK").save(_out("jpeg_cmyk.jpg"), quality=95)
    rgba = r.randint(0, 256, (H, 11, 4)).astype(np.uint8)
    rgba[0, :4, 3] = [0, 1, 128, 255]
    Image.fromarray(rgba, "RGBA").save(_out("tif_rgba8_deflate.tif"), compression="tiff_adobe_deflate")


def write():
    os.makedirs(DIR, exist_ok=True)
    del SOURCES[:]
    write_png()
    write_bmp()
    write_pnm()
    write_tiff()
    write_cmyk_and_alpha()
