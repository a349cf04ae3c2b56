// Two or three images as the channels of one RGB picture. Pure, unit-tested in Node.

/** Packed 0xRRGGBB per pixel: each channel linear between its limits, clamped to 0..255. */
export function rgbPixels(channels: {data: ArrayLike<number>; domain: [number, number]}[], length: number): Uint32Array {
  const packed = new Uint32Array(length);
  channels.forEach(({data, domain: [low, high]}, c) => {
    const shift = 16 - 8 * c;
    for (let i = 0; i < length; i++) {
      const level = Math.round((255 * (data[i] - low)) / (high - low));
      packed[i] |= (level < 0 ? 0 : level > 255 ? 255 : level) << shift;
    }
  });
  return packed;
}
