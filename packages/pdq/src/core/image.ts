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
