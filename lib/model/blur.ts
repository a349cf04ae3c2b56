/**
 * Beam blur: a separable Gaussian, truncated at 3 sigma and normalised, applied to a padded field and
 * cropped to the image, so the edges see the sample beyond the field of view as the beam does.
 */

export function gaussianKernel(sigmaPx: number): Float64Array {
  const radius = Math.max(1, Math.ceil(3 * sigmaPx));
  const kernel = new Float64Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) {
    const w = sigmaPx > 0 ? Math.exp(-(i * i) / (2 * sigmaPx * sigmaPx)) : i === 0 ? 1 : 0;
    kernel[i + radius] = w;
    sum += w;
  }
  for (let i = 0; i < kernel.length; i++) kernel[i] /= sum;
  return kernel;
}

/** Half-width (px) of a kernel. */
export function kernelRadius(kernel: Float64Array): number {
  return (kernel.length - 1) / 2;
}

/**
 * Blurs `padded` (size (width + 2 padX) x (height + 2 padY), padX and padY the kernels' radii) and
 * returns the central width x height.
 */
export function blurCropped(padded: Float64Array, width: number, height: number, kernelX: Float64Array, kernelY: Float64Array): Float64Array {
  const padX = kernelRadius(kernelX);
  const padY = kernelRadius(kernelY);
  const paddedWidth = width + 2 * padX;
  const paddedHeight = height + 2 * padY;
  const rows = new Float64Array(paddedHeight * width);
  for (let y = 0; y < paddedHeight; y++) {
    const rowStart = y * paddedWidth;
    for (let x = 0; x < width; x++) {
      let sum = 0;
      const start = rowStart + x;
      for (let k = 0; k < kernelX.length; k++) sum += kernelX[k] * padded[start + k];
      rows[y * width + x] = sum;
    }
  }
  const out = new Float64Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let k = 0; k < kernelY.length; k++) {
      const w = kernelY[k];
      const source = (y + k) * width;
      const target = y * width;
      for (let x = 0; x < width; x++) out[target + x] += w * rows[source + x];
    }
  }
  return out;
}
