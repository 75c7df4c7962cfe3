/**
 * The pixels the PDQ core accepts: 8-bit samples, row-major, channels interleaved.
 *
 * The core never decodes: the `./node` and `./browser` entries (and the video decoders) turn files
 * into this shape. Grey images should stay 1-channel: PDQ's grey path uses the sample as luma,
 * while an RGB pixel with R = G = B goes through the luma weights and can land one float32 ulp
 * away, which moves bits on flat or synthetic images (PDQ-SPEC 3.3).
 */
export interface PdqImage {
  readonly width: number;
  readonly height: number;
  /** 1 = grey, 3 = RGB, 4 = RGBA (alpha is ignored, as the reference decoders drop it). */
  readonly channels: 1 | 3 | 4;
  /** `width * height * channels` bytes. */
  readonly data: Uint8Array;
}

/** Images above this many pixels are refused before decoding (100 megapixels), by default. */
export const DEFAULT_MAX_PIXELS = 100_000_000;

/**
 * Throws when `image` does not have the shape its fields announce. A malformed `PdqImage` is a
 * programmer error (decoders build them), not untrusted input, so it is not a result value.
 *
 * @example
 * assertPdqImage({ width: 2, height: 1, channels: 1, data: new Uint8Array(2) }); // ok
 */
export function assertPdqImage(image: PdqImage): void {
  const { width, height, channels, data } = image;
  if (!Number.isSafeInteger(width) || width < 0 || !Number.isSafeInteger(height) || height < 0) {
    throw new RangeError(
      `image width and height must be non-negative integers, got ${width}x${height}`,
    );
  }
  if (channels !== 1 && channels !== 3 && channels !== 4) {
    throw new RangeError(`image channels must be 1, 3 or 4, got ${String(channels)}`);
  }
  if (!(data instanceof Uint8Array)) {
    throw new TypeError(
      'image data must be a Uint8Array (wrap a Uint8ClampedArray as new Uint8Array(x.buffer))',
    );
  }
  const expected = width * height * channels;
  if (data.length !== expected) {
    throw new RangeError(
      `image data must hold width*height*channels = ${width}*${height}*${channels} = ${expected} bytes, got ${data.length}`,
    );
  }
}

/**
 * An RGB image whose pixels are all grey, returned as the 1-channel image it is (in place: the
 * returned data is a view of the same buffer). ImageMagick, and so the reference CLI, hands such
 * images to PDQ as grey, and PDQ's grey path differs from its RGB path by a float32 ulp, which
 * moves bits on flat or synthetic pictures. Any other image is returned unchanged.
 *
 * @example
 * const image = collapseGreyRgb({ width, height, channels: 3, data: rgb });
 * image.channels; // 1 if every pixel had R = G = B
 */
export function collapseGreyRgb(image: PdqImage): PdqImage {
  if (image.channels !== 3) return image;
  const { data } = image;
  for (let p = 0; p < data.length; p += 3) {
    if (data[p] !== data[p + 1] || data[p] !== data[p + 2]) return image;
  }
  const pixels = data.length / 3;
  for (let i = 0; i < pixels; i++) data[i] = data[3 * i]!;
  return { ...image, channels: 1, data: data.subarray(0, pixels) };
}

/**
 * The RGB image of interleaved RGBA pixels (canvas `ImageData`), alpha dropped as the reference
 * drops it, grey collapsed to 1 channel (see `collapseGreyRgb`).
 *
 * @example
 * const image = pdqImageFromRgba(imageData.data, imageData.width, imageData.height);
 */
export function pdqImageFromRgba(
  rgba: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
): PdqImage {
  const pixels = width * height;
  if (rgba.length !== pixels * 4) {
    throw new RangeError(`RGBA data must hold ${pixels * 4} bytes, got ${rgba.length}`);
  }
  const rgb = new Uint8Array(pixels * 3);
  for (let i = 0, p = 0, q = 0; i < pixels; i++, p += 4, q += 3) {
    rgb[q] = rgba[p]!;
    rgb[q + 1] = rgba[p + 1]!;
    rgb[q + 2] = rgba[p + 2]!;
  }
  return collapseGreyRgb({ width, height, channels: 3, data: rgb });
}
