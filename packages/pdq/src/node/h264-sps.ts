/**
 * The few facts of an H.264 sequence parameter set (ITU-T H.264 section 7.3.2.1.1) that decide
 * what ffmpeg's decoder will output: bit depth, chroma format, the cropped picture size, and the
 * VUI's colour range. `./mp4-probe.ts` reads them from an MP4's `avcC` box instead of starting
 * ffprobe, which costs a tenth of a second before the first frame (mostly loading its libraries).
 */

export interface H264SequenceFacts {
  readonly profileIdc: number;
  /** 0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4. */
  readonly chromaFormatIdc: number;
  readonly bitDepthLuma: number;
  /** The displayed size: coded macroblocks less the frame cropping. */
  readonly width: number;
  readonly height: number;
  /** The VUI's video_full_range_flag; undefined when the SPS carries no video signal type. */
  readonly fullRange: boolean | undefined;
  /** The VUI's matrix_coefficients; undefined when the SPS carries no colour description. */
  readonly matrixCoefficients: number | undefined;
}

/** Profiles whose SPS carries chroma format, bit depths and scaling matrices. */
const HIGH_PROFILES = new Set([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135]);

/**
 * Parses an SPS NAL unit (its one-byte header included). Returns undefined for anything that is
 * not a well-formed SPS: the caller then asks ffprobe, which knows every oddity.
 *
 * @example
 * const sps = parseH264Sps(avcC.subarray(8, 8 + spsLength));
 * if (sps?.fullRange) console.log('full range: ffmpeg decodes to yuvj420p');
 */
export function parseH264Sps(nal: Uint8Array): H264SequenceFacts | undefined {
  if (nal.length < 4 || (nal[0]! & 0x1f) !== 7) return undefined;
  const bits = new BitReader(unescapeRbsp(nal.subarray(1)));
  try {
    return readSps(bits);
  } catch (error) {
    if (error instanceof RangeError) return undefined; // ran off the end, or a value out of range
    throw error;
  }
}

function readSps(bits: BitReader): H264SequenceFacts | undefined {
  const profileIdc = bits.u(8);
  bits.u(8); // constraint flags
  bits.u(8); // level_idc
  if (bits.ue() > 31) return undefined; // seq_parameter_set_id
  let chromaFormatIdc = 1;
  let separateColourPlanes = false;
  let bitDepthLuma = 8;
  if (HIGH_PROFILES.has(profileIdc)) {
    chromaFormatIdc = bits.ue();
    if (chromaFormatIdc > 3) return undefined;
    if (chromaFormatIdc === 3) separateColourPlanes = bits.u(1) === 1;
    bitDepthLuma = bits.ue() + 8;
    const bitDepthChroma = bits.ue() + 8;
    if (bitDepthLuma > 14 || bitDepthChroma > 14) return undefined;
    bits.u(1); // qpprime_y_zero_transform_bypass_flag
    if (bits.u(1) === 1) {
      const lists = chromaFormatIdc === 3 ? 12 : 8;
      for (let i = 0; i < lists; i++) {
        if (bits.u(1) === 1) skipScalingList(bits, i < 6 ? 16 : 64);
      }
    }
  }
  bits.ue(); // log2_max_frame_num_minus4
  const pocType = bits.ue();
  if (pocType === 0) {
    bits.ue(); // log2_max_pic_order_cnt_lsb_minus4
  } else if (pocType === 1) {
    bits.u(1); // delta_pic_order_always_zero_flag
    bits.se(); // offset_for_non_ref_pic
    bits.se(); // offset_for_top_to_bottom_field
    const cycle = bits.ue();
    if (cycle > 255) return undefined;
    for (let i = 0; i < cycle; i++) bits.se();
  } else if (pocType !== 2) {
    return undefined;
  }
  bits.ue(); // max_num_ref_frames
  bits.u(1); // gaps_in_frame_num_value_allowed_flag
  const widthInMbs = bits.ue() + 1;
  const heightInMapUnits = bits.ue() + 1;
  const frameMbsOnly = bits.u(1) === 1;
  if (!frameMbsOnly) bits.u(1); // mb_adaptive_frame_field_flag
  bits.u(1); // direct_8x8_inference_flag
  const crop = { left: 0, right: 0, top: 0, bottom: 0 };
  if (bits.u(1) === 1) {
    crop.left = bits.ue();
    crop.right = bits.ue();
    crop.top = bits.ue();
    crop.bottom = bits.ue();
  }
  // Crop units (Table 6-1 and equations 7-19 to 7-22).
  const chromaArrayType = separateColourPlanes ? 0 : chromaFormatIdc;
  const cropUnitX = chromaArrayType === 0 || chromaArrayType === 3 ? 1 : 2;
  const cropUnitY = (chromaArrayType === 1 ? 2 : 1) * (frameMbsOnly ? 1 : 2);
  const width = widthInMbs * 16 - cropUnitX * (crop.left + crop.right);
  const height =
    heightInMapUnits * 16 * (frameMbsOnly ? 1 : 2) - cropUnitY * (crop.top + crop.bottom);
  if (width <= 0 || height <= 0) return undefined;

  let fullRange: boolean | undefined;
  let matrixCoefficients: number | undefined;
  if (bits.u(1) === 1) {
    // vui_parameters (Annex E.1.1), up to the colour description.
    if (bits.u(1) === 1 && bits.u(8) === 255) bits.u(32); // extended sample aspect ratio
    if (bits.u(1) === 1) bits.u(1); // overscan_appropriate_flag
    if (bits.u(1) === 1) {
      bits.u(3); // video_format
      fullRange = bits.u(1) === 1;
      if (bits.u(1) === 1) {
        bits.u(8); // colour_primaries
        bits.u(8); // transfer_characteristics
        matrixCoefficients = bits.u(8);
      }
    }
  }
  return {
    profileIdc,
    chromaFormatIdc,
    bitDepthLuma,
    width,
    height,
    fullRange,
    matrixCoefficients,
  };
}

function skipScalingList(bits: BitReader, size: number): void {
  let last = 8;
  let next = 8;
  for (let j = 0; j < size; j++) {
    if (next !== 0) {
      const delta = bits.se();
      if (delta < -128 || delta > 127) throw new RangeError('delta_scale out of range');
      next = (last + delta + 256) % 256;
    }
    last = next === 0 ? last : next;
  }
}

/** Removes the emulation prevention bytes: 00 00 03 → 00 00. */
function unescapeRbsp(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length);
  let length = 0;
  let zeros = 0;
  for (const byte of data) {
    if (zeros >= 2 && byte === 3) {
      zeros = 0;
      continue;
    }
    out[length++] = byte;
    zeros = byte === 0 ? zeros + 1 : 0;
  }
  return out.subarray(0, length);
}

/** Reads bits most significant first; throws RangeError past the end. */
class BitReader {
  private position = 0;

  constructor(private readonly data: Uint8Array) {}

  /** An unsigned number of `count` bits (count <= 32). */
  u(count: number): number {
    let value = 0;
    for (let i = 0; i < count; i++) value = value * 2 + this.bit();
    return value;
  }

  /** An unsigned Exp-Golomb code. */
  ue(): number {
    let zeros = 0;
    while (this.bit() === 0) {
      if (++zeros > 31) throw new RangeError('Exp-Golomb code longer than 32 bits');
    }
    return 2 ** zeros - 1 + this.u(zeros);
  }

  /** A signed Exp-Golomb code. */
  se(): number {
    const code = this.ue();
    return code % 2 === 1 ? (code + 1) / 2 : -code / 2;
  }

  private bit(): number {
    const byte = this.position >> 3;
    if (byte >= this.data.length) throw new RangeError('the SPS ends early');
    const bit = (this.data[byte]! >> (7 - (this.position & 7))) & 1;
    this.position++;
    return bit;
  }
}
